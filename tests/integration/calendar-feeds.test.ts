// Subscribable calendars and the invite download: secret, revocable, without personal data,
// and always the current state.
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteForManageToken } from '~/features/calendar/invite';
import { calendarFeedForToken, createCalendarFeed, revokeCalendarFeed } from '~/features/calendar/calendar-feeds.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { bookSeat } from '~/features/registration/book-seat.server';
import { findByManageToken } from '~/features/registration/find-registration.server';
import { cancelSession, rescheduleSession } from '~/features/sessions/session-changes.server';
import { testCity } from '../helpers/portal';
import { parseIcs } from '../helpers/ics';
import { book, person } from '../helpers/mail';
import { createSession, DAY } from '../helpers/world';

const SYSTEM = { kind: 'system' as const };
let trainerId: number;
let teacherId: number;

const city = testCity();

beforeAll(async () => {
  const rs = await city.db.$client.execute(`insert into users (email, name, role, organisation_id) values
    ('formatrice@ligue13.test', 'Sophie Formatrice', 'trainer', 1), ('prof@ac-aix-marseille.fr', 'Claire Prof', 'teacher', null) returning id`);
  [trainerId, teacherId] = rs.rows.map((r) => Number(r.id)) as [number, number];
});

describe('a trainer’s feed', () => {
  it('lists their sessions with seat counts and no names, and stops working once revoked', async () => {
    const sessionId = await createSession(city.db, { capacity: 10 });
    const cancelled = await createSession(city.db);
    await city.db.$client.execute({
      sql: 'update sessions set trainer_id = ? where id in (?, ?)',
      args: [trainerId, sessionId, cancelled],
    });
    await book(city.db, sessionId, { firstName: 'Yasmine', adults: 2, email: 'yasmine@example.fr' });
    await cancelSession(city.db, cancelled, 'Salle fermée', SYSTEM);
    const token = await createCalendarFeed(city.db, trainerId, { kind: 'user', userId: trainerId });

    const ics = (await calendarFeedForToken(city.db, token))!;
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

    const replaced = await createCalendarFeed(city.db, trainerId, SYSTEM);
    expect(await calendarFeedForToken(city.db, token)).toBeNull();
    expect(await calendarFeedForToken(city.db, replaced)).not.toBeNull();
    await revokeCalendarFeed(city.db, trainerId, SYSTEM);
    expect(await calendarFeedForToken(city.db, replaced)).toBeNull();
    expect(await calendarFeedForToken(city.db, 'not a token')).toBeNull();
  });
});

describe('a teacher’s feed', () => {
  it('lists their confirmed bookings and follows a reschedule', async () => {
    const start = Date.now() + 20 * DAY;
    const sessionId = await createSession(city.db, { audience: 'teacher', startsAt: start });
    const outcome = await bookSeat(city.db, {
      sessionId,
      person: person({ email: null }),
      userId: teacherId,
      actor: { kind: 'user', userId: teacherId },
      audience: 'teacher',
    });
    expect(outcome.kind).toBe('created');
    await rescheduleSession(city.db, sessionId, { startsAt: start + DAY, endsAt: start + DAY + 3 * 3600_000 }, SYSTEM);
    const token = await createCalendarFeed(city.db, teacherId, SYSTEM);
    const [event] = parseIcs((await calendarFeedForToken(city.db, token))!).all('VEVENT');
    expect(event!.value('SUMMARY')).toBe("Prendre en main l'écran interactif");
    expect(event!.value('SEQUENCE')).toBe('1');
    expect(event!.value('UID')).toMatch(/^booking-\d+@localhost$/);
  });
});

describe('the invite download', () => {
  it('gives the current state: REQUEST while booked, CANCEL with a higher SEQUENCE once cancelled', async () => {
    const sessionId = await createSession(city.db);
    // A parent without email: the confirmation page is where the invite comes from.
    const { registration, manageToken } = await book(city.db, sessionId, { email: null, phone: '06 12 34 56 78' });
    const booked = (await inviteForManageToken(city.db, manageToken))!;
    expect(booked.method).toBe('REQUEST');
    const event = parseIcs(booked.ics).all('VEVENT')[0]!;
    expect(event.value('UID')).toBe(`${registration.calendarUid}@passerelle`);
    expect(event.value('SEQUENCE')).toBe('0');
    expect(event.prop('ATTENDEE')).toBeUndefined();
    expect(event.all('VALARM')).toHaveLength(2);

    await cancelRegistration(city.db, (await findByManageToken(city.db, manageToken))!, { kind: 'manage-link' });
    const cancelled = (await inviteForManageToken(city.db, manageToken))!;
    expect(cancelled.method).toBe('CANCEL');
    const cancelEvent = parseIcs(cancelled.ics).all('VEVENT')[0]!;
    expect(cancelEvent.value('SEQUENCE')).toBe('1');
    expect(cancelEvent.value('STATUS')).toBe('CANCELLED');
  });

  it('has nothing for an unknown link or a waitlisted booking', async () => {
    expect(await inviteForManageToken(city.db, 'abcdefghijklmnopqrstuvwxyz234567')).toBeNull();
    expect(await inviteForManageToken(city.db, '../../etc/passwd')).toBeNull();
    const sessionId = await createSession(city.db, { capacity: 0 });
    const { manageToken } = await book(city.db, sessionId);
    expect(await inviteForManageToken(city.db, manageToken)).toBeNull();
  });
});
