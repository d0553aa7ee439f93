// Subscribable calendars and the invite download: secret, revocable, without personal data,
// and always the current state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteForManageToken } from '../../src/lib/server/calendar';
import { calendarFeedForToken, createCalendarFeed, revokeCalendarFeed } from '../../src/lib/server/calendar-feeds';
import { cancelRegistration } from '../../src/lib/server/cancellation';
import { bookSeat, findByManageToken } from '../../src/lib/server/registration';
import { cancelSession, rescheduleSession } from '../../src/lib/server/session-changes';
import { createTestDb, type TestDb } from '../helpers/db';
import { parseIcs } from '../helpers/ics';
import { book, person } from '../helpers/mail';
import { createSession, createWorld, DAY } from '../helpers/world';

const SYSTEM = { kind: 'system' as const };
let t: TestDb;
let trainerId: number;
let teacherId: number;

beforeAll(async () => {
  t = await createTestDb();
  await createWorld(t.db);
  const rs = await t.db.$client.execute(`insert into users (email, name, role, organisation_id) values
    ('formatrice@ligue13.test', 'Sophie Formatrice', 'trainer', 1), ('prof@ac-aix-marseille.fr', 'Claire Prof', 'teacher', null) returning id`);
  [trainerId, teacherId] = rs.rows.map((r) => Number(r.id)) as [number, number];
});
afterAll(() => t.close());

describe('a trainer’s feed', () => {
  it('lists their sessions with seat counts and no names, and stops working once revoked', async () => {
    const sessionId = await createSession(t.db, { capacity: 10 });
    const cancelled = await createSession(t.db);
    await t.db.$client.execute({ sql: 'update sessions set trainer_id = ? where id in (?, ?)', args: [trainerId, sessionId, cancelled] });
    await book(t.db, sessionId, { firstName: 'Yasmine', adults: 2, email: 'yasmine@example.fr' });
    await cancelSession(t.db, cancelled, 'Salle fermée', SYSTEM);
    const token = await createCalendarFeed(t.db, trainerId, { kind: 'user', userId: trainerId });

    const ics = (await calendarFeedForToken(t.db, token))!;
    const calendar = parseIcs(ics);
    expect(calendar.value('X-WR-CALNAME')).toBe('Passerelle — mes séances');
    expect(calendar.all('VTIMEZONE')).toHaveLength(1);
    const events = calendar.all('VEVENT');
    expect(events.map((e) => e.value('UID'))).toEqual([`session-${sessionId}@localhost`, `session-${cancelled}@localhost`]);
    expect(events[0]!.value('DESCRIPTION')).toContain("2 places prises sur 10\\, 0 en liste d'attente.");
    expect(events[0]!.prop('DTSTART')!.params.TZID).toBe('Europe/Paris');
    expect(events[1]!.value('STATUS')).toBe('CANCELLED');
    expect(events[1]!.value('SEQUENCE')).toBe('1');
    expect(ics).not.toContain('Yasmine');
    expect(ics).not.toContain('yasmine@example.fr');

    const replaced = await createCalendarFeed(t.db, trainerId, SYSTEM);
    expect(await calendarFeedForToken(t.db, token)).toBeNull();
    expect(await calendarFeedForToken(t.db, replaced)).not.toBeNull();
    await revokeCalendarFeed(t.db, trainerId, SYSTEM);
    expect(await calendarFeedForToken(t.db, replaced)).toBeNull();
    expect(await calendarFeedForToken(t.db, 'not a token')).toBeNull();
  });
});

describe('a teacher’s feed', () => {
  it('lists their confirmed bookings and follows a reschedule', async () => {
    const start = Date.now() + 20 * DAY;
    const sessionId = await createSession(t.db, { audience: 'teacher', startsAt: start });
    const outcome = await bookSeat(t.db, { sessionId, person: person({ email: null }), userId: teacherId, actor: { kind: 'user', userId: teacherId }, audience: 'teacher' });
    expect(outcome.kind).toBe('created');
    await rescheduleSession(t.db, sessionId, { startsAt: start + DAY, endsAt: start + DAY + 3 * 3600_000 }, SYSTEM);
    const token = await createCalendarFeed(t.db, teacherId, SYSTEM);
    const [event] = parseIcs((await calendarFeedForToken(t.db, token))!).all('VEVENT');
    expect(event!.value('SUMMARY')).toBe("Prendre en main l'écran interactif");
    expect(event!.value('SEQUENCE')).toBe('1');
    expect(event!.value('UID')).toMatch(/^booking-\d+@localhost$/);
  });
});

describe('the invite download', () => {
  it('gives the current state: REQUEST while booked, CANCEL with a higher SEQUENCE once cancelled', async () => {
    const sessionId = await createSession(t.db);
    // A parent without email: the confirmation page is where the invite comes from.
    const { registration, manageToken } = await book(t.db, sessionId, { email: null, phone: '06 12 34 56 78' });
    const booked = (await inviteForManageToken(t.db, manageToken))!;
    expect(booked.method).toBe('REQUEST');
    const event = parseIcs(booked.ics).all('VEVENT')[0]!;
    expect(event.value('UID')).toBe(`registration-${registration.id}@localhost`);
    expect(event.value('SEQUENCE')).toBe('0');
    expect(event.prop('ATTENDEE')).toBeUndefined();
    expect(event.all('VALARM')).toHaveLength(2);

    await cancelRegistration(t.db, (await findByManageToken(t.db, manageToken))!, { kind: 'manage-link' });
    const cancelled = (await inviteForManageToken(t.db, manageToken))!;
    expect(cancelled.method).toBe('CANCEL');
    const cancelEvent = parseIcs(cancelled.ics).all('VEVENT')[0]!;
    expect(cancelEvent.value('SEQUENCE')).toBe('1');
    expect(cancelEvent.value('STATUS')).toBe('CANCELLED');
  });

  it('has nothing for an unknown link or a waitlisted booking', async () => {
    expect(await inviteForManageToken(t.db, 'abcdefghijklmnopqrstuvwxyz234567')).toBeNull();
    expect(await inviteForManageToken(t.db, '../../etc/passwd')).toBeNull();
    const sessionId = await createSession(t.db, { capacity: 0 });
    const { manageToken } = await book(t.db, sessionId);
    expect(await inviteForManageToken(t.db, manageToken)).toBeNull();
  });
});
