// The built server: its background worker delivers what the domain queued, the invite and
// feed routes answer over HTTP, the admin outbox is for admins, and SIGTERM loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarFeed } from '~/features/calendar/calendar-feeds.server';
import { createSession as createAuthSession } from '~/features/auth/sign-in-session.server';
import { enrolTotp } from '../helpers/auth';
import { parseIcs } from '../helpers/ics';
import { book, inviteOf } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

let smtp: TestSmtp;
let adminCookie: string;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp?.stop());
const portal = testPortal({
  env: () => ({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '50', MAIL_FROM: 'Passerelle <ne-pas-repondre@passerelle.test>' }),
});
beforeAll(async () => {
  const rs = await portal.db.$client.execute(
    `insert into users (email, name, role) values ('admin@passerelle.test', 'Admin', 'admin') returning id`,
  );
  const adminId = Number(rs.rows[0]!.id);
  // Administrators must have two-step verification on to see any page.
  await enrolTotp(portal.db, { id: adminId, email: 'admin@passerelle.test' });
  adminCookie = `passerelle_session=${(await createAuthSession(portal.db, adminId)).token}`;
});

describe('the running portal', () => {
  it('delivers a booking confirmation from its background worker', async () => {
    const sessionId = await createSession(portal.db);
    await book(portal.db, sessionId, { email: 'background@example.fr' });
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail!.to).toEqual(['background@example.fr']);
    expect(mail!.parsed.from?.value[0]).toMatchObject({ name: 'Passerelle', address: 'ne-pas-repondre@passerelle.test' });
    const invite = inviteOf(mail!)!;
    expect(invite.event.value('ORGANIZER')).toBe('mailto:ne-pas-repondre@passerelle.test');
    expect(invite.event.value('UID')).toMatch(/^[0-9a-f]{32}@passerelle$/);
    expect(mail!.parsed.text).toContain(`${portal.url}/r/`);
  });

  it('serves the invite behind the manage link, and 404 for a link that does not exist', async () => {
    const sessionId = await createSession(portal.db);
    const { registration, manageToken } = await book(portal.db, sessionId, { email: null, phone: '0612345678' });
    const res = await fetch(`${portal.url}/r/${manageToken}/invite.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(res.headers.get('content-disposition')).toContain('invitation.ics');
    const event = parseIcs(await res.text()).all('VEVENT')[0]!;
    expect(event.value('UID')).toBe(`${registration.calendarUid}@passerelle`);
    expect((await fetch(`${portal.url}/r/abcdefghijklmnopqrstuvwxyz234567/invite.ics`)).status).toBe(404);
  });

  it('serves a calendar feed at its secret URL', async () => {
    const rs = await portal.db.$client.execute(
      `insert into users (email, name, role, organisation_id) values ('feed@ligue13.test', 'Formatrice', 'trainer', 1) returning id`,
    );
    const token = await createCalendarFeed(portal.db, Number(rs.rows[0]!.id), { kind: 'system' });
    const res = await fetch(`${portal.url}/calendar/${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(parseIcs(await res.text()).value('X-WR-CALNAME')).toBe('Passerelle — mes séances');
    expect((await fetch(`${portal.url}/calendar/abcdefghijklmnopqrstuvwxyz234567.ics`)).status).toBe(404);
  });

  it('keeps the outbox for admins, and shows each message with its invite', async () => {
    const anonymous = await fetch(`${portal.url}/admin/outbox`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Foutbox');
    const list = await fetch(`${portal.url}/admin/outbox?status=sent`, { headers: { cookie: adminCookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('background@example.fr');
    const id = /href="\/admin\/outbox\/(\d+)"/.exec(html)![1];
    const page = await (await fetch(`${portal.url}/admin/outbox/${id}`, { headers: { cookie: adminCookie } })).text();
    expect(page).toContain('BEGIN:VCALENDAR');
    expect(page).toContain('Inscription confirmée');
    expect(page).toContain('srcdoc=');

    const resend = await fetch(`${portal.url}/admin/outbox/${id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: adminCookie, origin: portal.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=resend',
    });
    expect(resend.status).toBe(303);
    expect(resend.headers.get('location')).toBe(`/admin/outbox/${id}?done=resent`);
    await smtp.waitFor(2, 10_000);
    expect(smtp.mails[1]!.to).toEqual(['background@example.fr']);
  });

  it('finishes or gives back its work on SIGTERM', async () => {
    smtp.setDelay(300);
    const sessionId = await createSession(portal.db, { capacity: 30 });
    for (let i = 0; i < 5; i++) await book(portal.db, sessionId);
    const sent = smtp.mails.length;
    while (smtp.mails.length === sent) {
      const rs = await portal.db.$client.execute(`select count(*) as n from outbox where status = 'sending'`);
      if (Number(rs.rows[0]!.n) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await portal.server.stop('SIGTERM')).toBe(0);
    const rs = await portal.db.$client.execute(`select status, count(*) as n from outbox where channel = 'email' group by status`);
    const counts: Record<string, number> = Object.fromEntries(rs.rows.map((r) => [String(r.status), Number(r.n)]));
    expect(counts.sending).toBeUndefined();
    expect((counts.sent ?? 0) + (counts.pending ?? 0)).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(smtp.mails.length).toBe(counts.sent);
  });
});
