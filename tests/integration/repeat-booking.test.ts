// Issue 14, finding 2: a repeat booking by contact hands nothing over. Knowing a parent's
// phone or email (and even their name) must not give their code or a manage link; the
// person is told they are already booked and their link goes again to the contact on file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { mailsTo } from '../helpers/mail';
import { createSession } from '../helpers/world';

let smtp: TestSmtp;
let people: Accounts;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp?.stop());
const portal = testPortal({
  env: () => ({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' }),
  seed: async (db) => void (people = await createAccounts(db)),
});

const ALREADY = /vous êtes déjà inscrit\(e\) : nous vous renvoyons votre lien/i;

async function book(sessionId: number, body: Record<string, unknown>) {
  const res = await fetch(`${portal.url}/api/v1/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ consent: true, ...body }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows;
}

async function mailsFor(address: string, count: number) {
  for (let i = 0; i < 100 && mailsTo(smtp.mails, address).length < count; i++) await new Promise((r) => setTimeout(r, 100));
  return mailsTo(smtp.mails, address);
}

describe('a repeat booking by contact', () => {
  it('answers 200 without code, id or links, and mails the existing booking its link again', async () => {
    const id = await createSession(portal.db);
    const first = await book(id, { firstName: 'Amina', lastName: 'Benali', email: 'amina.repeat@example.fr', phone: '0611111111' });
    expect(first.status).toBe(201);
    const { code, manageUrl } = first.body.registration;
    await mailsFor('amina.repeat@example.fr', 1);

    // The phone alone, the email with the right name, the email with someone else's name.
    const attempts = [
      { firstName: 'Karim', lastName: 'Haddad', phone: '+33 6 11 11 11 11' },
      { firstName: 'Amina', lastName: 'Benali', email: 'Amina.Repeat@example.fr' },
      { firstName: 'Karim', lastName: 'Haddad', email: 'amina.repeat@example.fr' },
    ];
    for (const attempt of attempts) {
      const again = await book(id, attempt);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ registration: null, alreadyRegistered: true, message: expect.stringMatching(ALREADY) });
      expect(again.text).not.toContain(code);
      expect(again.text).not.toContain('/r/');
    }
    expect(await rows('select id from registrations where session_id = ?', [id])).toHaveLength(1);

    // The link goes to the email on file, freshly minted, and opens the same booking.
    const [, resent] = await mailsFor('amina.repeat@example.fr', 2);
    expect(resent!.parsed.subject).toContain('Votre lien de réservation');
    const link = resent!.parsed.text!.match(/http:\/\/127\.0\.0\.1:\d+\/r\/([a-z2-7]+)/)!;
    expect(link[0]).not.toBe(manageUrl);
    const managed = (await (await fetch(`${portal.url}/api/v1/manage/${link[1]}`)).json()) as { registration: { code: string } };
    expect(managed.registration.code).toBe(code);
    // Three requests within ten minutes make one message, not three (no inbox flooding).
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(smtp.mails, 'amina.repeat@example.fr')).toHaveLength(2);

    // Each request is in the audit log, with no token.
    const audited = await rows(`select actor_kind, details from audit_log where action = 'registration.link-resent' and subject_id = ?`, [
      String(first.body.registration.id),
    ]);
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.actor_kind === 'anonymous' && !String(a.details).includes(link[1]!))).toBe(true);
  });

  it('speaks the language the person asked in', async () => {
    const id = await createSession(portal.db);
    await book(id, { firstName: 'Sara', lastName: 'Ali', phone: '0622222222' });
    const again = await book(id, { firstName: 'Sara', lastName: 'Ali', phone: '0622222222', language: 'en' });
    expect(again.body.message).toMatch(/already signed up: we are sending your link again/);
  });

  it('tells the person on the booking page, without showing the booking', async () => {
    const id = await createSession(portal.db);
    const first = await book(id, { firstName: 'Nora', lastName: 'Said', phone: '0633333333' });
    const form = new URLSearchParams({ firstName: 'Nora', lastName: 'Said', phone: '06 33 33 33 33', consent: 'on', adults: '1' });
    const res = await fetch(`${portal.url}/sessions/${id}`, {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.url },
      redirect: 'manual',
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(ALREADY);
    expect(html).not.toContain(first.body.registration.code);
    const ar = await fetch(`${portal.url}/ar/sessions/${id}`, {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.url },
      redirect: 'manual',
    });
    expect(await ar.text()).toContain('أنت مسجل(ة) من قبل');
  });

  it('still gives a signed-in teacher their own registration back', async () => {
    const id = await createSession(portal.db, { audience: 'teacher' });
    const teacher: Client = await signedIn(portal.url, people.teacher.email);
    const first = await teacher.postJson(`/api/v1/sessions/${id}/registrations`, {});
    expect(first.status).toBe(201);
    const again = await teacher.postJson(`/api/v1/sessions/${id}/registrations`, {});
    expect(again.status).toBe(200);
    const mine = again.json<{ registration: { id: number; code: string; manageUrl: string } }>().registration;
    expect(mine.code).toBe(first.json<{ registration: { code: string } }>().registration.code);
    expect(mine.manageUrl).toMatch(/\/r\/[a-z2-7]{32}$/);
  });
});
