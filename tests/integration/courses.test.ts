// Courses over several dates (issue 17 item 2): booked once, one invite with one event per
// date; one date moved or cancelled updates only that date's event, and everyone is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { createSessions } from '~/features/sessions/plan-sessions.server';
import { getSession, sessionJson } from '~/features/sessions/sessions.server';
import { parseSessionBody } from '~/features/sessions/session-input';
import { cancelCourseDate, moveCourseDate } from '~/features/courses/date-changes.server';
import { cancelSession } from '~/features/sessions/session-changes.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { markDateAttendance } from '~/features/courses/date-attendance.server';
import { bookSeat } from '~/features/registration/book-seat.server';
import { teacherBookingsFeed } from '~/features/calendar/calendar-feeds.server';
import { editSession } from '~/features/sessions/session-edit.server';
import { parseIcs } from '../helpers/ics';
import { queueRemindersFor } from '~/features/mail/reminders.server';
import { formatDay, utcToParisLocal } from '~/platform/text/dates';
import { person } from '../helpers/mail';
import { testCity } from '../helpers/portal';
import { book, drain, inviteOf, mailsTo, testClock } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { parisWallToUtc } from '../helpers/ics';
import { DAY } from '../helpers/world';

const HOUR = 3600_000;
const TRAINER = { kind: 'user' as const, userId: null };

let smtp: TestSmtp;
let worker: OutboxWorker;
let drane: SessionUser;
const city = testCity();

beforeAll(async () => {
  smtp = await startSmtp();
  worker = createOutboxWorker(city.db, { smtpUrl: smtp.url, now: testClock().now, log: () => {} });
  const rs = await city.db.$client.execute(
    `insert into users (email, name, role, organisation_id, email_verified_at) values ('formation@drane.test', 'Drane', 'drane', 2, 1) returning id`,
  );
  drane = {
    id: Number(rs.rows[0]!.id),
    email: 'formation@drane.test',
    name: 'Drane',
    role: 'drane',
    organisationId: 2,
    organisationSlug: 'drane',
    schoolUai: null,
    emailVerified: true,
  };
});

afterAll(async () => {
  await worker.stop();
  await smtp.stop();
});

// A Wednesday morning every week for three weeks, two hours each.
function threeDates(from = Math.ceil((Date.now() + 10 * DAY) / HOUR) * HOUR) {
  return [0, 7, 14].map((d) => ({ startsAt: from + d * DAY, endsAt: from + d * DAY + 2 * HOUR }));
}

async function createCourse(dates = threeDates()) {
  const draft = parseSessionBody({
    trackId: city.world.tracks.teacherDisplay,
    startsAt: new Date(dates[0]!.startsAt).toISOString(),
    endsAt: new Date(dates[0]!.endsAt).toISOString(),
    schoolUai: city.world.schools.belsunce,
    capacity: 10,
  });
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const result = await createSessions(city.db, drane, draft.value, undefined, undefined, { dates });
  if (result.status !== 201) throw new Error(JSON.stringify(result));
  return result.session;
}

async function deliver(address: string) {
  await drain(worker);
  return mailsTo(smtp.mails, address);
}

async function registrationsOf(sessionId: number) {
  const rs = await city.db.$client.execute({ sql: 'select id, status from registrations where session_id = ?', args: [sessionId] });
  return rs.rows;
}

describe('a course of three dates', () => {
  it('is one session whose JSON spans first start to last end and lists every date', async () => {
    const dates = threeDates();
    const course = await createCourse(dates);
    const json = sessionJson((await getSession(city.db, course.id))!);
    expect(Date.parse(json.startsAt)).toBe(dates[0]!.startsAt);
    expect(Date.parse(json.endsAt)).toBe(dates[2]!.endsAt);
    expect(json.dates.map((d) => Date.parse(d.startsAt))).toEqual(dates.map((d) => d.startsAt));
    expect(json.dates.every((d) => d.status === 'scheduled' && typeof d.id === 'number')).toBe(true);
  });

  it('is booked once: one registration, and its invite carries three events with stable, distinct UIDs', async () => {
    const dates = threeDates();
    const course = await createCourse(dates);
    const { registration } = await book(city.db, course.id, { email: 'prof.trois@ac-aix-marseille.fr' });
    expect(await registrationsOf(course.id)).toHaveLength(1);
    const [mail] = await deliver('prof.trois@ac-aix-marseille.fr');
    const invite = inviteOf(mail!)!;
    expect(invite.method).toBe('REQUEST');
    const events = invite.calendar.all('VEVENT');
    expect(events).toHaveLength(3);
    expect(events.map((e) => parisWallToUtc(e.value('DTSTART')!))).toEqual(dates.map((d) => d.startsAt));
    const uids = events.map((e) => e.value('UID'));
    expect(new Set(uids).size).toBe(3);
    const ids = course.dates.map((d) => d.id);
    expect(uids).toEqual(ids.map((id) => `${registration.calendarUid}-${id}@passerelle`));
    expect(events.map((e) => e.value('SEQUENCE'))).toEqual(['0', '0', '0']);
    expect(mail!.parsed.text).toContain('Dates du cycle');
  });

  it('moving one date updates only that event: same UID, higher SEQUENCE, the others left as they are', async () => {
    const dates = threeDates();
    const course = await createCourse(dates);
    const { registration } = await book(city.db, course.id, { email: 'prof.deplace@ac-aix-marseille.fr', phone: '+33612345678' });
    await deliver('prof.deplace@ac-aix-marseille.fr');
    const second = course.dates[1]!;
    const moved = { startsAt: second.startsAt + DAY, endsAt: second.endsAt + DAY };
    const result = await moveCourseDate(city.db, course.id, second.id, moved, TRAINER);
    expect(result).toEqual({ changed: true, attendees: 1, emails: 2 });
    const [, update] = await deliver('prof.deplace@ac-aix-marseille.fr');
    const invite = inviteOf(update!)!;
    expect(invite.method).toBe('REQUEST');
    const events = invite.calendar.all('VEVENT');
    expect(events).toHaveLength(1);
    expect(events[0]!.value('UID')).toBe(`${registration.calendarUid}-${second.id}@passerelle`);
    expect(events[0]!.value('SEQUENCE')).toBe('1');
    expect(parisWallToUtc(events[0]!.value('DTSTART')!)).toBe(moved.startsAt);
    expect(update!.parsed.text).toContain('Avant :');
    const after = (await getSession(city.db, course.id))!;
    expect(after.startsAt).toBe(dates[0]!.startsAt);
    expect(after.endsAt).toBe(dates[2]!.endsAt);
    expect(after.dates.map((d) => d.startsAt)).toEqual([dates[0]!.startsAt, moved.startsAt, dates[2]!.startsAt]);
    // The SMS tells the person too (they gave a phone).
    const sms = await city.db.$client.execute({
      sql: `select count(*) as n from outbox where registration_id = ? and kind = 'session-updated' and channel = 'sms'`,
      args: [registration.id],
    });
    expect(sms.rows[0]!.n).toBe(1);
  });

  it('cancelling one date tells everyone, with a CANCEL of that date only; the course goes on', async () => {
    const dates = threeDates();
    const course = await createCourse(dates);
    const seated = await book(city.db, course.id, { email: 'prof.annule@ac-aix-marseille.fr' });
    await deliver('prof.annule@ac-aix-marseille.fr');
    const last = course.dates[2]!;
    const result = await cancelCourseDate(city.db, course.id, last.id, 'Formateur absent', TRAINER);
    expect(result.attendees).toBe(1);
    const [, cancelled] = await deliver('prof.annule@ac-aix-marseille.fr');
    expect(cancelled!.parsed.subject).toMatch(/^Séance annulée : /);
    expect(cancelled!.parsed.text).toContain('Formateur absent');
    expect(cancelled!.parsed.text).toContain('annulée');
    const invite = inviteOf(cancelled!)!;
    expect(invite.method).toBe('CANCEL');
    const events = invite.calendar.all('VEVENT');
    expect(events.map((e) => e.value('UID'))).toEqual([`${seated.registration.calendarUid}-${last.id}@passerelle`]);
    expect(events[0]!.value('SEQUENCE')).toBe('1');
    const after = (await getSession(city.db, course.id))!;
    expect(after.status).toBe('scheduled');
    expect(after.endsAt).toBe(dates[1]!.endsAt);
    expect(after.dates[2]!.status).toBe('cancelled');
    expect((await getRegistration(city.db, seated.registration.id))!.status).toBe('confirmed');
    const told = await city.db.$client.execute({
      sql: `select count(*) as n from notices where session_id = ? and kind = 'date-cancelled'`,
      args: [course.id],
    });
    expect(told.rows[0]!.n).toBe(1);
  });

  it('cancelling the whole course sends one CANCEL with every date', async () => {
    const course = await createCourse();
    const { registration } = await book(city.db, course.id, { email: 'prof.tout@ac-aix-marseille.fr' });
    await cancelSession(city.db, course.id, 'Plus de formateur', TRAINER);
    const [, cancelled] = await deliver('prof.tout@ac-aix-marseille.fr');
    const invite = inviteOf(cancelled!)!;
    expect(invite.method).toBe('CANCEL');
    expect(invite.calendar.all('VEVENT').map((e) => e.value('UID'))).toEqual(
      course.dates.map((d) => `${registration.calendarUid}-${d.id}@passerelle`),
    );
  });

  it('takes attendance per date; the booking counts as attended when the person came once', async () => {
    const course = await createCourse();
    const { registration } = await book(city.db, course.id, { email: 'prof.presence@ac-aix-marseille.fr' });
    const [first, second, third] = course.dates;
    const marker = { kind: 'user' as const, userId: drane.id };
    const early = await markDateAttendance(city.db, course, registration, third!.id, true, marker, first!.startsAt);
    expect(early).toMatchObject({ status: 409 });
    const came = await markDateAttendance(city.db, course, registration, first!.id, true, marker, first!.startsAt);
    expect(came).toMatchObject({ status: 200, present: true, dates: [{ dateId: first!.id, present: true }] });
    const missed = await markDateAttendance(city.db, course, registration, second!.id, false, marker, second!.startsAt);
    expect(missed).toMatchObject({ status: 200, present: true });
    const undone = await markDateAttendance(city.db, course, registration, first!.id, false, marker, second!.startsAt);
    expect(undone).toMatchObject({ status: 200, present: false });
    expect(await markDateAttendance(city.db, course, registration, 999_999, true, marker, first!.startsAt)).toMatchObject({ status: 404 });
  });

  it('moves as a whole: every date shifts, and each event is updated in one invite', async () => {
    const dates = threeDates();
    const course = await createCourse(dates);
    const { registration } = await book(city.db, course.id, { email: 'prof.decale@ac-aix-marseille.fr' });
    await deliver('prof.decale@ac-aix-marseille.fr');
    const result = await editSession(city.db, course, { startsAt: course.startsAt + DAY }, TRAINER);
    expect(result.status).toBe(200);
    const after = (await getSession(city.db, course.id))!;
    expect(after.dates.map((d) => d.startsAt)).toEqual(dates.map((d) => d.startsAt + DAY));
    expect(after.endsAt).toBe(dates[2]!.endsAt + DAY);
    const [, update] = await deliver('prof.decale@ac-aix-marseille.fr');
    const events = inviteOf(update!)!.calendar.all('VEVENT');
    expect(events.map((e) => e.value('SEQUENCE'))).toEqual(['1', '1', '1']);
    expect(events.map((e) => e.value('UID'))).toEqual(course.dates.map((d) => `${registration.calendarUid}-${d.id}@passerelle`));
  });

  it('shows as one event per date in the teacher’s calendar feed', async () => {
    const course = await createCourse();
    const outcome = await bookSeat(city.db, { sessionId: course.id, person: person(), userId: drane.id, actor: { kind: 'anonymous' } });
    expect(outcome.kind).toBe('created');
    const feed = parseIcs(await teacherBookingsFeed(city.db, drane.id));
    const ours = feed.all('VEVENT').filter((e) => e.value('SUMMARY') === course.title);
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(ours.every((e) => parisWallToUtc(e.value('DTEND')!) - parisWallToUtc(e.value('DTSTART')!) === 2 * HOUR)).toBe(true);
  });

  it('reminds people of each date, the day before it', async () => {
    const course = await createCourse();
    await book(city.db, course.id, { email: 'prof.rappel@ac-aix-marseille.fr' });
    await deliver('prof.rappel@ac-aix-marseille.fr');
    const second = course.dates[1]!;
    expect(await queueRemindersFor(city.db, utcToParisLocal(second.startsAt).date)).toBeGreaterThanOrEqual(1);
    expect(await queueRemindersFor(city.db, utcToParisLocal(second.startsAt).date)).toBe(0);
    const [, reminder] = await deliver('prof.rappel@ac-aix-marseille.fr');
    expect(reminder!.parsed.subject).toContain(formatDay(second.startsAt, 'fr'));
  });
});
