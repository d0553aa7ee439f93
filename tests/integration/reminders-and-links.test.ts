// What a person reads in real delivered mail (a real SMTP listener, the built server): the
// reminders two days and one day before with their one-tap "Je ne pourrai pas venir", links
// that open pages in the person's language, Arabic mail right to left, and headers that let
// mail apps tell messages apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { queueRemindersFor } from '~/features/mail/reminders.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { rescheduleSession } from '~/features/sessions/session-changes.server';
import { publishWeeklyReport } from '~/features/readiness/weekly-report/weekly-report-job.server';
import { Client, createAccounts, signedIn } from '../helpers/auth';
import { book, drain, inviteOf, mailsTo } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

let smtp: TestSmtp;
let worker: OutboxWorker;
let web: Client;
const portal = testPortal({ env: { BACKGROUND_JOBS: 'off' } });
const TRAINER: { kind: 'user'; userId: null } = { kind: 'user', userId: null };

beforeAll(async () => {
  smtp = await startSmtp();
  worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, log: () => {} });
  web = new Client(portal.url);
});

afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
});

async function deliver(address: string) {
  await drain(worker);
  return mailsTo(smtp.mails, address);
}

// A session `days` Paris calendar days from today, at 15:00 Paris time.
function inDays(days: number) {
  const day = addDays(utcToParisLocal(Date.now()).date, days);
  return { day, startsAt: parisLocalToUtc(day, '15:00')! };
}

// The path of the first link in the HTML part whose address matches `pattern`: the mail is
// written for PUBLIC_URL, the test server listens elsewhere.
function linkIn(html: string, pattern: RegExp): string {
  const href = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern}`);
  return new URL(href).pathname;
}

describe('the reminders', () => {
  it('come two days and one day before, once each, and "Je ne pourrai pas venir" frees the seat for the waitlist in one tap', async () => {
    const { day, startsAt } = inDays(2);
    const sessionId = await createSession(portal.db, { capacity: 1, startsAt });
    const seated = await book(portal.db, sessionId, { firstName: 'Amina', email: 'amina.remind@example.fr' });
    const waiting = await book(portal.db, sessionId, { firstName: 'Karim', email: 'karim.waits@example.fr' });
    expect(waiting.registration.status).toBe('waitlisted');

    expect(await queueRemindersFor(portal.db, day, { daysBefore: 2 })).toBe(1);
    expect(await queueRemindersFor(portal.db, day, { daysBefore: 2 })).toBe(0);
    expect(await queueRemindersFor(portal.db, day, { daysBefore: 1 })).toBe(1);
    expect(await queueRemindersFor(portal.db, day)).toBe(0);
    const mails = await deliver('amina.remind@example.fr');
    const reminders = mails.filter((m) => m.parsed.subject?.startsWith('Rappel : '));
    expect(reminders).toHaveLength(2);
    // Nobody on the waitlist is reminded of a seat they do not have.
    expect((await deliver('karim.waits@example.fr')).map((m) => m.parsed.subject?.split(' : ')[0])).toEqual(["Liste d'attente"]);

    const [reminder] = reminders;
    expect(reminder!.parsed.subject).toMatch(/^Rappel : .+ — après-demain, \S+ \d+(er)? \S+, 15 h$/);
    expect(reminder!.parsed.text).toContain('Petit rappel : votre séance a lieu après-demain.');
    expect(inviteOf(reminder!)).toBeNull();
    const cantCome = linkIn(reminder!.parsed.html as string, /\/r\/[a-z2-7]+\/annuler$/);

    // Opening the link (as a mail app's link scanner would) changes nothing.
    const page = await web.get(cantCome);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Vous ne pourrez pas venir ?');
    expect((await getRegistration(portal.db, seated.registration.id))!.status).toBe('confirmed');
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)![1]!;
    expect(action).toBe(cantCome.replace(/\/annuler$/, ''));

    // The one button.
    const posted = await web.postForm(action, { action: 'cancel', confirm: 'yes' });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${action}?annule=1`);
    expect((await web.get(posted.location!)).text).toContain('Réservation annulée');
    expect((await getRegistration(portal.db, seated.registration.id))!.status).toBe('cancelled');
    expect((await getRegistration(portal.db, waiting.registration.id))!.status).toBe('confirmed');

    // The next person is told at once, with the invite; the one who freed the seat gets its cancellation.
    const [, promoted] = await deliver('karim.waits@example.fr');
    expect(promoted!.parsed.subject).toMatch(/^Une place s'est libérée : /);
    expect(inviteOf(promoted!)!.method).toBe('REQUEST');
    const cancelled = (await deliver('amina.remind@example.fr')).at(-1)!;
    expect(cancelled.parsed.subject).toMatch(/^Inscription annulée : /);
    expect(inviteOf(cancelled)!.method).toBe('CANCEL');

    // The link again: already done, nothing more to free.
    expect((await web.get(cantCome)).text).toContain('Cette réservation est déjà annulée.');
  });
});

describe('links in the reader’s language', () => {
  it('opens Arabic pages from an Arabic mail, which reads right to left', async () => {
    const { day, startsAt } = inDays(1);
    const sessionId = await createSession(portal.db, { startsAt });
    await book(portal.db, sessionId, { firstName: 'Salma', language: 'ar', email: 'salma.links@example.fr' });
    await queueRemindersFor(portal.db, day);
    const [confirmation, reminder] = await deliver('salma.links@example.fr');
    expect(confirmation!.parsed.headers.get('content-language')).toBe('ar');

    const manage = linkIn(confirmation!.parsed.html as string, /\/r\/[a-z2-7]+$/);
    expect(manage).toMatch(/^\/ar\/r\/[a-z2-7]+$/);
    expect(confirmation!.parsed.text).toContain(`/ar/r/`);
    const page = await web.get(manage);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html lang="ar" dir="rtl"/);

    // Right to left on the wrapper and every cell, for apps that drop <html> and <body>.
    const html = confirmation!.parsed.html as string;
    expect(html).toMatch(/<div dir="rtl" style="[^"]*text-align:right;/);
    const cells = [...html.matchAll(/<t[hd] [^>]*>/g)].map((m) => m[0]);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.includes('dir="rtl"') && c.includes('text-align:right;'))).toBe(true);
    expect(html).toContain('padding:6px 0 6px 12px;');

    expect(reminder!.parsed.subject).toMatch(/^تذكير: .+ — غدا، /);
    const cantCome = linkIn(reminder!.parsed.html as string, /\/annuler$/);
    expect(cantCome).toMatch(/^\/ar\/r\/[a-z2-7]+\/annuler$/);
    const cantComePage = await web.get(cantCome);
    expect(cantComePage.text).toMatch(/<html lang="ar" dir="rtl"/);
    expect(cantComePage.text).toContain('لن أستطيع الحضور');
  });

  it('opens English pages from an English mail, and "other sessions" goes to the English catalog', async () => {
    const sessionId = await createSession(portal.db, { startsAt: inDays(6).startsAt });
    const { registration } = await book(portal.db, sessionId, { language: 'en', email: 'jo.links@example.fr' });
    const [confirmation] = await deliver('jo.links@example.fr');
    await cancelRegistration(portal.db, registration, TRAINER);
    const [, cancelled] = await deliver('jo.links@example.fr');
    expect(confirmation!.parsed.headers.get('content-language')).toBe('en');
    const manage = linkIn(confirmation!.parsed.html as string, /\/r\/[a-z2-7]+$/);
    expect(manage).toMatch(/^\/en\/r\/[a-z2-7]+$/);
    expect((await web.get(manage)).text).toMatch(/<html lang="en"/);
    expect(cancelled!.parsed.subject).toMatch(/^Booking cancelled: .+ — \S+ \d+ \S+, 15:00$/);
    expect(linkIn(cancelled!.parsed.html as string, /\/en\/$/)).toBe('/en/');
  });
});

describe('what mail apps and calendars rely on', () => {
  it('gives each mail a unique, random Message-ID and says its language', async () => {
    const sessionId = await createSession(portal.db, { startsAt: inDays(9).startsAt });
    for (const language of ['fr', 'ar', 'en'] as const) await book(portal.db, sessionId, { language, email: `${language}.ids@example.fr` });
    await drain(worker);
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f]{24}\.\d+@[^>]+>$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const mail of smtp.mails) expect(['fr', 'ar', 'en']).toContain(mail.parsed.headers.get('content-language'));
    expect(mailsTo(smtp.mails, 'fr.ids@example.fr')[0]!.parsed.headers.get('content-language')).toBe('fr');
  });

  it('keeps one random UID per registration through reschedule and cancel, and never asks an answer', async () => {
    const sessionId = await createSession(portal.db, { startsAt: inDays(10).startsAt });
    const a = await book(portal.db, sessionId, { email: 'uid.a@example.fr' });
    const b = await book(portal.db, sessionId, { email: 'uid.b@example.fr' });
    await rescheduleSession(portal.db, sessionId, { startsAt: inDays(11).startsAt, endsAt: inDays(11).startsAt + 2 * 3600_000 }, TRAINER);
    await cancelRegistration(portal.db, (await getRegistration(portal.db, a.registration.id))!, TRAINER);
    const invites = (await deliver('uid.a@example.fr')).map((m) => inviteOf(m)!);
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(new Set(invites.map((i) => i.event.value('UID')))).toEqual(new Set([`${a.registration.calendarUid}@passerelle`]));
    expect(a.registration.calendarUid).toMatch(/^[0-9a-f]{32}$/);
    expect(b.registration.calendarUid).not.toBe(a.registration.calendarUid);
    for (const invite of invites.slice(0, 2)) {
      expect(invite.event.prop('ATTENDEE')!.params).toMatchObject({ PARTSTAT: 'ACCEPTED', RSVP: 'FALSE' });
    }
    expect(invites[2]!.event.prop('ATTENDEE')!.params).not.toHaveProperty('RSVP');
    const [confirmation] = mailsTo(smtp.mails, 'uid.a@example.fr');
    expect(confirmation!.parsed.text).toContain('répondre « Non » ou « Refuser » dans votre agenda ne libère pas la place');
  });
});

describe('the weekly report', () => {
  it('says where to stop it (List-Unsubscribe), and the account page it leads to stops it', async () => {
    const accounts = await createAccounts(portal.db);
    await publishWeeklyReport(portal.db, '2027-W13', parisLocalToUtc('2027-04-05', '07:00')!);
    await drain(worker);
    const [report] = mailsTo(smtp.mails, accounts.drane.email);
    const headers = report!.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/localhost:\d+\/compte#rapport-hebdomadaire>$/m);
    expect(report!.parsed.headers.get('content-language')).toBe('fr');
    // What people are told about their own bookings cannot be turned off.
    const booking = smtp.mails.find((m) => m.parsed.subject?.startsWith('Inscription confirmée'))!;
    expect(booking.raw.split(/\r?\n\r?\n/)[0]).not.toMatch(/^List-Unsubscribe:/im);

    const sophie = await signedIn(portal.url, accounts.drane.email);
    expect((await sophie.get('/compte')).text).toContain('Vous recevez chaque lundi le rapport de la semaine écoulée.');
    const stopped = await sophie.postForm('/compte', { intent: 'weekly-report', weeklyReport: 'off' });
    expect(stopped.status).toBe(303);
    expect((await sophie.get(stopped.location!)).text).toContain('le rapport ne vous sera plus envoyé');
    await publishWeeklyReport(portal.db, '2027-W14', parisLocalToUtc('2027-04-12', '07:00')!);
    const next = await portal.db.$client.execute(`select recipient from outbox where dedupe_key like 'weekly-report:2027-W14:%'`);
    expect(next.rows.map((r) => r.recipient)).toEqual([accounts.city.email]);
  });
});
