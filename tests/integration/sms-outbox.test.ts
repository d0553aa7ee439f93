// SMS as the outbox's second channel, end to end on the built server: phone-only parents book
// in French, Arabic and English and get their SMS (code and a manage link that opens their
// page in their language) through a real SMPP server; a move, a cancellation and a trainer's
// message reach them too; the trainer's counts are what was really sent, and the call list
// names whoever no message reached.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startSmsc, type TestSmsc, type ReceivedSms } from '../helpers/smpp';
import { createSession, DAY } from '../helpers/world';
import { formatBookingCode } from '~/platform/text/tokens';

let smtp: TestSmtp;
let smsc: TestSmsc;
let people: Accounts;
let trainer: Client;

beforeAll(async () => {
  [smtp, smsc] = await Promise.all([startSmtp(), startSmsc()]);
});
afterAll(async () => {
  await smsc?.stop();
  await smtp?.stop();
});
const portal = testPortal({
  env: () => ({ SMTP_URL: smtp.url, SMS_URL: smsc.url, SMS_FROM: 'Ville13', OUTBOX_POLL_MS: '50' }),
  seed: async (db) => void (people = await createAccounts(db)),
});
beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
});

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

async function bookByApi(sessionId: number, person: Record<string, unknown>) {
  const res = await fetch(`${portal.url}/api/v1/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: 'Amina', lastName: 'Benali', consent: true, ...person }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { registration: { id: number; code: string } }).registration;
}

// The SMS that reached a number (E.164 digits as on the wire) and mention `text`.
async function smsTo(digits: string, text: string, timeoutMs = 10_000): Promise<ReceivedSms> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smsc.messages.find((m) => m.to === digits && m.text.includes(text));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no SMS to ${digits} with "${text}"; got ${JSON.stringify(smsc.messages.map((m) => [m.to, m.text]))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function settled(registrationId: number, kind: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await rows(
      `select count(*) as n from outbox where registration_id = ? and kind = ? and (status in ('pending', 'sending') or (channel = 'sms' and status = 'sent'))`,
      [registrationId, kind],
    );
    if (Number(open[0]!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox rows of ${registrationId} (${kind}) never settled`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a phone-only booking', () => {
  it.each([
    ['fr', '+33639981001', 'Votre place est réservée', '/r/', 0],
    ['ar', '+33639981002', 'الرمز', '/ar/r/', 8],
    ['en', '+33639981003', 'Code', '/en/r/', 0],
  ] as const)(
    'in %s gets its SMS: code and a manage link that opens the page in that language',
    async (lang, phone, words, path, coding) => {
      const sessionId = await createSession(portal.db, { startsAt: Date.now() + 9 * DAY, languages: ['fr', 'ar'] });
      const registration = await bookByApi(sessionId, { phone, language: lang });
      const sms = await smsTo(phone.slice(1), formatBookingCode(registration.code));
      expect(sms).toMatchObject({ from: 'Ville13', dataCoding: coding, destTon: 1, destNpi: 1, registeredDelivery: 1 });
      expect(sms.text).toContain(words);
      const link = new RegExp(`${portal.url.replaceAll('.', '\\.')}${path.replaceAll('/', '\\/')}[a-z2-7]+`).exec(sms.text)?.[0];
      expect(link, sms.text).toBeDefined();
      const page = await fetch(link!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<html lang="${lang}"`);
      // The receipts, one per part, make the row delivered.
      await settled(registration.id, 'confirmed');
      const [row] = await rows(`select channel, recipient, status, segments from outbox where registration_id = ?`, [registration.id]);
      expect(row).toEqual({ channel: 'sms', recipient: phone, status: 'delivered', segments: sms.parts });
      const parts = await rows(`select p.status from sms_parts p join outbox o on o.id = p.outbox_id where o.registration_id = ?`, [
        registration.id,
      ]);
      expect(parts.map((p) => p.status)).toEqual(Array(sms.parts).fill('delivered'));
      expect(smtp.mails.some((m) => m.parsed.text?.includes(registration.code))).toBe(false);
    },
  );

  it('booking again by the same phone sends the link again by SMS, in the booking’s language', async () => {
    const phone = '+33639981004';
    const sessionId = await createSession(portal.db, { startsAt: Date.now() + 9 * DAY });
    const registration = await bookByApi(sessionId, { phone, firstName: 'Lina', lastName: 'Haddad', language: 'en' });
    await settled(registration.id, 'confirmed');
    const res = await fetch(`${portal.url}/api/v1/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Lina', lastName: 'Haddad', consent: true, phone }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const sms = await smsTo(phone.slice(1), 'Here is your link again');
    const link = new RegExp(`${portal.url.replaceAll('.', '\\.')}\\/en\\/r\\/[a-z2-7]+`).exec(sms.text)?.[0];
    expect(link, sms.text).toBeDefined();
    expect((await fetch(link!)).status).toBe(200);
    await settled(registration.id, 'link-resent');
    const resent = await rows(`select channel, status from outbox where registration_id = ? and kind = 'link-resent'`, [registration.id]);
    expect(resent).toEqual([{ channel: 'sms', status: 'delivered' }]);
  });

  it('gets both an email and an SMS when both were given; a failed receipt fails the SMS', async () => {
    const sessionId = await createSession(portal.db);
    smsc.failFor(['33639981004']);
    const registration = await bookByApi(sessionId, { phone: '06 39 98 10 04', email: 'both@example.fr' });
    await smsTo('33639981004', formatBookingCode(registration.code));
    await smtp.waitFor(1, 10_000);
    expect(smtp.mails.filter((m) => m.to.includes('both@example.fr'))).toHaveLength(1);
    await settled(registration.id, 'confirmed');
    const sent = await rows(`select channel, status, last_error from outbox where registration_id = ? order by channel`, [registration.id]);
    expect(sent).toEqual([
      { channel: 'email', status: 'sent', last_error: null },
      { channel: 'sms', status: 'failed', last_error: expect.stringMatching(/^Non remis/) },
    ]);
    smsc.failFor([]);
  });
});

describe('the admin outbox', () => {
  it('shows each SMS with its channel, text, segments and status', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const sessionId = await createSession(portal.db);
    const registration = await bookByApi(sessionId, { phone: '+33639981020', language: 'ar' });
    await settled(registration.id, 'confirmed');
    const [row] = await rows(`select id, segments from outbox where registration_id = ?`, [registration.id]);
    const list = (await admin.get('/admin/outbox')).text;
    expect(list).toContain(`<a href="/admin/outbox/${row!.id}">`);
    expect(list).toMatch(new RegExp(`SMS\\s*·\\s*${row!.segments}`));
    const page = (await admin.get(`/admin/outbox/${row!.id}`)).text;
    expect(page).toContain('Texte du SMS');
    expect(page).toContain('Remis (SMS)');
    expect(page).toMatch(/\d segment\(s\), UCS-2/);
    expect(page).toContain(formatBookingCode(registration.code));
    expect(page).toContain('/ar/r/…');
  });
});

describe('what the trainer changes reaches phone-only parents, and the counts say so', () => {
  let sessionId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    sessionId = await createSession(portal.db, { startsAt: Date.now() + 12 * DAY, capacity: 10 });
    ids.phone = (await bookByApi(sessionId, { phone: '+33639981010', firstName: 'Fatima', language: 'ar' })).id;
    ids.email = (await bookByApi(sessionId, { email: 'mail-only@example.fr', firstName: 'Claire' })).id;
    ids.both = (await bookByApi(sessionId, { email: 'both2@example.fr', phone: '+33639981011', firstName: 'Karim' })).id;
    ids.landline = (await bookByApi(sessionId, { phone: '04 91 55 11 22', firstName: 'Yasmina', lastName: 'Fixe' })).id;
    // At the school gate: a name, no contact at all.
    const booked = await trainer.postForm(`/formateur/sessions/${sessionId}`, {
      intent: 'book',
      firstName: 'Moussa',
      lastName: 'Sanscontact',
      consent: 'on',
    });
    expect(booked.status, booked.text.match(/class="error"[^<]*<[^<]*/g)?.join()).toBe(303);
  });

  it('a move: PATCH answers notified with people told by email, by SMS, and those who could not be', async () => {
    const res = await trainer.request('PATCH', `/api/v1/sessions/${sessionId}`, {
      body: JSON.stringify({ venueName: 'Centre social Saint-Mauront', venueAddress: '5 rue Félix Pyat, 13003 Marseille' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status, res.text).toBe(200);
    // Claire and Karim by email, Fatima and Karim by SMS; the landline and Moussa nobody.
    expect(res.json().notified).toEqual({ email: 2, sms: 2, unreachable: 2 });
    const sms = await smsTo('33639981010', 'Saint-Mauront');
    expect(sms.dataCoding).toBe(8);
    await smsTo('33639981011', 'Saint-Mauront');
    expect(smsc.messages.filter((m) => m.to === '33491551122')).toEqual([]);
    await settled(ids.landline!, 'session-updated');
    const [landline] = await rows(`select status, last_error from outbox where registration_id = ? and kind = 'session-updated'`, [
      ids.landline!,
    ]);
    expect(landline).toMatchObject({ status: 'failed', last_error: expect.stringContaining('ne reçoit pas de SMS') });
  });

  it('a message to everyone booked, in each person’s language, with the same counts, audited', async () => {
    const res = await trainer.postForm(`/formateur/sessions/${sessionId}`, {
      intent: 'message',
      message_fr: 'La salle change : rendez-vous salle 2, au premier étage.',
      message_ar: 'تغيّرت القاعة: الموعد في القاعة 2 بالطابق الأول.',
      message_en: '',
    });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const page = (await trainer.get(res.location!)).text;
    expect(page).toContain(
      'Le message est parti. 2 personnes prévenues par e-mail, 2 par SMS. 2 personnes n&#39;ont pas pu être prévenues',
    );
    expect((await smsTo('33639981010', 'القاعة 2')).dataCoding).toBe(8);
    expect((await smsTo('33639981011', 'salle 2')).dataCoding).toBe(0);
    const audit = await rows(`select details from audit_log where action = 'session.messaged' and subject_id = ?`, [String(sessionId)]);
    expect(JSON.parse(String(audit[0]!.details))).toMatchObject({ languages: ['fr', 'ar'] });
  });

  it('the roster lists who to call, with tel: links, and keeps the "j\'ai appelé" tick', async () => {
    const page = (await trainer.get(`/formateur/sessions/${sessionId}`)).text;
    const calls = page.slice(page.indexOf('id="appeler"'), page.indexOf('Personnes inscrites'));
    expect(calls).toContain('Moussa Sanscontact');
    expect(calls).toContain('ni e-mail ni téléphone');
    expect(calls).toContain('Yasmina Fixe');
    expect(calls).toContain('href="tel:+33491551122"');
    expect(calls).not.toContain('Fatima');
    expect(page).toContain('Pas prévenu : à appeler');
    const [notice] = await rows(
      `select n.id from notices n join registrations r on r.id = n.registration_id where r.first_name = 'Yasmina' order by n.id desc limit 1`,
    );
    const ticked = await trainer.postForm(`/formateur/sessions/${sessionId}`, { intent: 'called', noticeId: String(notice!.id) });
    expect(ticked.status).toBe(303);
    const after = (await trainer.get(ticked.location!)).text;
    expect(after).toContain('Yasmina Fixe a été appelé');
    expect(after).toMatch(/Appelé le \d\d\/\d\d\/\d{4}/);
    expect(await rows(`select called_by from notices where id = ?`, [Number(notice!.id)])).toEqual([{ called_by: people.trainer.id }]);
    expect(await rows(`select action from audit_log where action = 'notice.called' and subject_id = ?`, [String(notice!.id)])).toHaveLength(
      1,
    );
  });

  it('a cancellation reaches the phone-only parent, and the counts match what was sent', async () => {
    const before = smsc.messages.length;
    const res = await trainer.postJson(`/api/v1/sessions/${sessionId}/cancel`, { reason: 'Salle inondée' });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ session: { status: 'cancelled' }, notified: { email: 2, sms: 2, unreachable: 2 } });
    await smsTo('33639981011', 'Salle inondée');
    const deadline = Date.now() + 10_000;
    while (!smsc.messages.slice(before).some((m) => m.to === '33639981010') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect(smsc.messages.slice(before).filter((m) => m.to === '33639981010')).toHaveLength(1);
    await smtp.waitFor(1);
    for (const id of Object.values(ids)) await settled(id, 'session-cancelled');
    const cancelled = await rows(
      `select channel, count(*) as n from outbox where kind = 'session-cancelled' and registration_id in (${Object.values(ids).join(',')})
       and status in ('sent', 'delivered') group by channel order by channel`,
    );
    expect(cancelled).toEqual([
      { channel: 'email', n: 2 },
      { channel: 'sms', n: 2 },
    ]);
    expect(smsc.messages.length - before).toBe(2);
  });
});
