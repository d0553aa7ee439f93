// Every message kind goes through the real worker to a real SMTP listener and is read back
// the way a mail client and a calendar app read it (DESIGN rule 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { queueRemindersFor } from '~/features/mail/reminders.server';
import { cancelSession, changeCapacity, rescheduleSession } from '~/features/sessions/session-changes.server';
import { config } from '~/platform/config/config';
import { testCity } from '../helpers/portal';
import { parisWallToUtc, unescapeText } from '../helpers/ics';
import { book, drain, inviteOf, mailsTo, testClock } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession, DAY } from '../helpers/world';

// 28 March 2027 is the day Paris moves to summer time: 10:00 there is 08:00Z.
const DST_START = Date.UTC(2027, 2, 28, 8, 0);
const BOOKED_AT = Date.UTC(2027, 0, 15, 9, 0);
const TRAINER: { kind: 'user'; userId: null } = { kind: 'user', userId: null };

let smtp: TestSmtp;
let worker: OutboxWorker;

const city = testCity();

beforeAll(async () => {
  smtp = await startSmtp();
  worker = createOutboxWorker(city.db, { smtpUrl: smtp.url, now: testClock().now, log: () => {} });
});

afterAll(async () => {
  await worker.stop();
  await smtp.stop();
});

async function deliver(address: string) {
  await drain(worker);
  return mailsTo(smtp.mails, address);
}

describe('the confirmation', () => {
  it('arrives with a text and an HTML part, the manage link, the place on a map and who to contact', async () => {
    const sessionId = await createSession(city.db, { startsAt: DST_START });
    const { registration } = await book(city.db, sessionId, { firstName: 'Amina', email: 'amina@example.fr' }, BOOKED_AT);
    const [mail] = await deliver('amina@example.fr');
    const { subject, text, html } = mail!.parsed;
    expect(subject).toBe("Inscription confirmée : Suivre la scolarité avec l'espace numérique de l'école — dimanche 28 mars 2027, 10 h");
    expect(text).toContain('Bonjour Amina,');
    expect(text).toMatch(/dimanche 28 mars( 2027)?, 10\u00a0h – 12\u00a0h/);
    expect(text).toContain('École élémentaire Belsunce, 12 rue Belsunce, 13001 Marseille');
    expect(text).toMatch(/Code de réservation : [A-Z2-9]{3} [A-Z2-9]{3}/);
    expect(text).toContain(`${config.publicUrl}/r/`);
    expect(text).toContain('ateliers@ligue13.test');
    expect(html).toContain('https://www.openstreetmap.org/search?query=%C3%89cole%20%C3%A9l%C3%A9mentaire%20Belsunce');
    expect(html).toContain(`href="${config.publicUrl}/r/`);
    expect(html).not.toMatch(/<img|<link|<script|src=/i);
    expect(mail!.parsed.replyTo?.text).toBe('ateliers@ligue13.test');
    expect(registration.inviteSequence).toBe(1);
  });

  it('carries a METHOD:REQUEST invite a calendar reads as the right instant, with its time zone and reminders', async () => {
    const sessionId = await createSession(city.db, { startsAt: DST_START });
    const { registration } = await book(
      city.db,
      sessionId,
      { firstName: 'Karim', lastName: 'Haddad', email: 'karim@example.fr' },
      BOOKED_AT,
    );
    const [mail] = await deliver('karim@example.fr');
    const invite = inviteOf(mail!)!;
    expect(invite.method).toBe('REQUEST');
    expect(invite.calendar.value('METHOD')).toBe('REQUEST');
    const { event } = invite;
    expect(event.value('UID')).toBe(`${registration.calendarUid}@passerelle`);
    expect(registration.calendarUid).toMatch(/^[0-9a-f]{32}$/);
    expect(event.value('SEQUENCE')).toBe('0');
    expect(event.value('STATUS')).toBe('CONFIRMED');
    const start = event.prop('DTSTART')!;
    expect(start.params.TZID).toBe('Europe/Paris');
    expect(start.value).toBe('20270328T100000');
    expect(parisWallToUtc(start.value)).toBe(DST_START);
    expect(new Date(parisWallToUtc(event.value('DTEND')!)).toISOString()).toBe('2027-03-28T10:00:00.000Z');
    const zone = invite.calendar.all('VTIMEZONE')[0]!;
    expect(zone.value('TZID')).toBe('Europe/Paris');
    expect(zone.all('DAYLIGHT')[0]!.value('TZOFFSETTO')).toBe('+0200');
    expect(event.value('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(event.all('VALARM').map((a) => a.value('TRIGGER'))).toEqual(['-P1D', '-PT2H']);
    expect(unescapeText(event.value('LOCATION')!)).toBe('École élémentaire Belsunce, 12 rue Belsunce, 13001 Marseille');
    expect(event.value('ORGANIZER')).toBe(`mailto:${/<(.+)>/.exec(config.mailFrom)![1]}`);
    const attendee = event.prop('ATTENDEE')!;
    expect(attendee.value.toLowerCase()).toBe('mailto:karim@example.fr');
    expect(attendee.params).toMatchObject({ RSVP: 'FALSE', PARTSTAT: 'ACCEPTED', CN: 'Karim Haddad' });
  });

  it('never puts the manage link in the invite: calendars get shared', async () => {
    const sessionId = await createSession(city.db, { startsAt: DST_START });
    await book(city.db, sessionId, { email: 'secret@example.fr' }, BOOKED_AT);
    const [mail] = await deliver('secret@example.fr');
    const invite = inviteOf(mail!)!;
    const link = /http:\/\/localhost:\d+\/r\/[a-z2-7]+/.exec(mail!.parsed.text!)![0];
    expect(invite.ics).not.toContain('/r/');
    expect(invite.ics).not.toContain(link.split('/r/')[1]);
    expect(unescapeText(invite.event.value('DESCRIPTION')!)).toContain("Organisé par Ligue de l'Enseignement 13.");
  });
});

describe('the waitlist', () => {
  it('tells a waitlisted person their position, without an invite, then sends the invite when promoted', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    const first = await book(city.db, sessionId, { email: 'first@example.fr' });
    await book(city.db, sessionId, { email: 'second@example.fr' });
    const [waitlisted] = await deliver('second@example.fr');
    expect(waitlisted!.parsed.subject).toMatch(/^Liste d'attente : /);
    expect(waitlisted!.parsed.text).toContain("Vous êtes sur la liste d'attente, en position 1.");
    expect(inviteOf(waitlisted!)).toBeNull();

    await cancelRegistration(city.db, first.registration, { kind: 'manage-link' });
    const [, promoted] = await deliver('second@example.fr');
    expect(promoted!.parsed.subject).toMatch(/^Une place s'est libérée : /);
    const invite = inviteOf(promoted!)!;
    expect(invite.method).toBe('REQUEST');
    expect(invite.event.value('SEQUENCE')).toBe('0');

    const [, cancelled] = await deliver('first@example.fr');
    expect(cancelled!.parsed.subject).toMatch(/^Inscription annulée : /);
    expect(inviteOf(cancelled!)!.method).toBe('CANCEL');
  });

  it('tells a person who leaves the waitlist, in their language, without an invite, and nobody else', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    await book(city.db, sessionId, { email: 'stays@example.fr' });
    const waiting = await book(city.db, sessionId, { email: 'leaves@example.fr', firstName: 'Salma', language: 'ar' });
    expect(waiting.registration.status).toBe('waitlisted');
    await cancelRegistration(city.db, waiting.registration, { kind: 'manage-link' });
    const mails = await deliver('leaves@example.fr');
    expect(mails).toHaveLength(2);
    const left = mails[1]!;
    expect(left.parsed.subject).toMatch(/^لقد غادرت قائمة الانتظار: Suivre la scolarité avec l'espace numérique de l'école — .+، \d/);
    expect(left.parsed.text).toContain('اسمك لم يعد على قائمة الانتظار لهذه الحصة.');
    expect(left.parsed.text).not.toContain('/r/');
    expect(inviteOf(left)).toBeNull();
    // Cancelling again sends nothing more, and the seated person hears nothing.
    await cancelRegistration(city.db, (await getRegistration(city.db, waiting.registration.id))!, { kind: 'manage-link' });
    expect(await deliver('leaves@example.fr')).toHaveLength(2);
    expect(await deliver('stays@example.fr')).toHaveLength(1);
  });

  it('promotes when the organiser raises the capacity, with the invite', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    await book(city.db, sessionId, { email: 'seated@example.fr' });
    await book(city.db, sessionId, { email: 'raised@example.fr' });
    await changeCapacity(city.db, sessionId, 2, TRAINER);
    const mails = await deliver('raised@example.fr');
    expect(mails.map((m) => m.parsed.subject?.split(' : ')[0])).toEqual(["Liste d'attente", "Une place s'est libérée"]);
    expect(inviteOf(mails[1]!)!.method).toBe('REQUEST');
  });
});

describe('one conversation per registration', () => {
  it('keeps the UID and grows SEQUENCE through confirm → reschedule → cancel', async () => {
    const sessionId = await createSession(city.db, { startsAt: DST_START });
    const { registration } = await book(city.db, sessionId, { email: 'journey@example.fr' }, BOOKED_AT);
    await rescheduleSession(
      city.db,
      sessionId,
      { startsAt: DST_START + DAY, endsAt: DST_START + DAY + 3 * 3600_000, venueName: 'Centre social Belsunce' },
      TRAINER,
      BOOKED_AT,
    );
    const current = (await getRegistration(city.db, registration.id))!;
    await cancelRegistration(city.db, current, { kind: 'manage-link' }, {}, BOOKED_AT);
    const mails = await deliver('journey@example.fr');
    const invites = mails.map((m) => inviteOf(m)!);
    expect(mails.map((m) => m.parsed.subject?.split(' : ')[0])).toEqual(['Inscription confirmée', 'Changement', 'Inscription annulée']);
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(new Set(invites.map((i) => i.event.value('UID'))).size).toBe(1);
    expect(invites.map((i) => Number(i.event.value('SEQUENCE')))).toEqual([0, 1, 2]);
    expect(invites[1]!.event.value('DTSTART')).toBe('20270329T100000');
    expect(invites[2]!.event.value('STATUS')).toBe('CANCELLED');
    expect(invites[2]!.event.all('VALARM')).toEqual([]);
    expect(mails[1]!.parsed.text).toContain('Centre social Belsunce, 12 rue Belsunce, 13001 Marseille');
    expect(mails[1]!.parsed.text).toMatch(/Avant : dimanche 28 mars( 2027)?, 10\u00a0h – 12\u00a0h/);
    expect(mails[1]!.parsed.text).toContain('Avant : École élémentaire Belsunce');
  });

  it('tells everyone when the organiser cancels: a CANCEL for seats, a plain message for the waitlist', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    const seated = await book(city.db, sessionId, { email: 'seat@example.fr' });
    await book(city.db, sessionId, { email: 'queue@example.fr' });
    await cancelSession(city.db, sessionId, 'Animatrice malade', TRAINER);
    const [, seatMail] = await deliver('seat@example.fr');
    const [, queueMail] = mailsTo(smtp.mails, 'queue@example.fr');
    expect(seatMail!.parsed.subject).toMatch(/^Séance annulée : /);
    expect(seatMail!.parsed.text).toContain('Raison : Animatrice malade');
    const invite = inviteOf(seatMail!)!;
    expect(invite.method).toBe('CANCEL');
    expect(invite.event.value('UID')).toBe(`${seated.registration.calendarUid}@passerelle`);
    expect(invite.event.value('SEQUENCE')).toBe('1');
    expect(unescapeText(invite.event.value('DESCRIPTION')!)).toContain('Raison : Animatrice malade');
    expect(queueMail!.parsed.text).toContain("Vous étiez sur la liste d'attente de cette séance.");
    expect(inviteOf(queueMail!)).toBeNull();
  });
});

describe('the reminder', () => {
  it('comes the day before, once, without an invite', async () => {
    const sessionId = await createSession(city.db, { startsAt: Date.UTC(2027, 4, 12, 14, 0) });
    await book(city.db, sessionId, { email: 'remind@example.fr' }, BOOKED_AT);
    expect(await queueRemindersFor(city.db, '2027-05-12')).toBe(1);
    expect(await queueRemindersFor(city.db, '2027-05-12')).toBe(0);
    const [, reminder] = await deliver('remind@example.fr');
    expect(reminder!.parsed.subject).toBe("Rappel : Suivre la scolarité avec l'espace numérique de l'école — mercredi 12 mai 2027, 16 h");
    expect(reminder!.parsed.text).toContain('16\u00a0h – 18\u00a0h');
    expect(reminder!.parsed.text).toContain(`${config.publicUrl}/r/`);
    expect(inviteOf(reminder!)).toBeNull();
  });
});

describe('what people typed', () => {
  it('is escaped in HTML and cannot add mail headers', async () => {
    const sessionId = await createSession(city.db, { title: 'Atelier <b>ENT</b> & "cahier"' });
    await book(city.db, sessionId, { firstName: 'Zoé<script>alert(1)</script>\r\nBcc: victim@example.fr', email: 'escape@example.fr' });
    const [mail] = await deliver('escape@example.fr');
    expect(mail!.parsed.html).not.toContain('<script>');
    expect(mail!.parsed.html).toContain('Zoé&#60;script&#62;');
    expect(mail!.parsed.html).toContain('Atelier &#60;b&#62;ENT&#60;/b&#62; &#38; &#34;cahier&#34;');
    expect(mail!.parsed.headers.has('bcc')).toBe(false);
    const headerBlock = mail!.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(mail!.parsed.text).toContain('Bonjour Zoé<script>alert(1)</script> Bcc: victim@example.fr,');
    expect(mail!.to).toEqual(['escape@example.fr']);
    expect(mail!.parsed.subject).toMatch(
      /^Inscription confirmée : Atelier <b>ENT<\/b> & "cahier" — \S+ \d+(er)? \S+( \d{4})?, \d+ h( \d\d)?$/,
    );
  });
});
