// Subscribable calendars at a secret, revocable URL: a trainer's sessions, a teacher's
// bookings. Only the token's hash is stored; a new token replaces (revokes) the old one.
// Feeds carry no names or contacts: calendars get shared.
import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { ICalEventStatus } from 'ical-generator';
import { organisations, registrations, sessions, users } from '~db/schema';
import { t } from '~/i18n';
import { parisDate, TIME_ZONE } from '~/platform/text/dates';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import { confirmedSeats, waitlistLength } from '~/features/registration/seat-sql';
import { parisCalendar, publicHost } from './invite';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { inOrder, type CourseDate } from '~/features/courses/course-dates';
import { datesJson } from '~/features/courses/course-dates.server';

// Past events stay a while, so last month's sessions do not vanish from the calendar.
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;

export function calendarFeedUrl(token: string): string {
  return `${config.publicUrl}/calendar/${token}.ics`;
}

export async function createCalendarFeed(db: Db, userId: number, actor: Actor): Promise<string> {
  const token = generateSecret();
  await db.batch([
    db
      .update(users)
      .set({ calendarFeedTokenHash: hashSecret(token) })
      .where(eq(users.id, userId)),
    auditStatement(db, actor, 'calendar-feed.created', 'user', userId),
  ]);
  return token;
}

export async function revokeCalendarFeed(db: Db, userId: number, actor: Actor): Promise<void> {
  await db.batch([
    db.update(users).set({ calendarFeedTokenHash: null }).where(eq(users.id, userId)),
    auditStatement(db, actor, 'calendar-feed.revoked', 'user', userId),
  ]);
}

export async function hasCalendarFeed(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .select({ on: isNotNull(users.calendarFeedTokenHash) })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return Boolean(row?.on);
}

interface FeedEvent {
  uid: string;
  sequence: number;
  title: string;
  startsAt: number;
  endsAt: number;
  location: string;
  description: string;
  cancelled: boolean;
}

function feedCalendar(name: string, events: FeedEvent[]): string {
  const calendar = parisCalendar(null);
  calendar.name(name);
  calendar.ttl(60 * 60);
  calendar.x([['X-WR-TIMEZONE', TIME_ZONE]]);
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: parisDate(e.startsAt),
      end: parisDate(e.endsAt),
      timezone: TIME_ZONE,
      summary: e.title,
      location: e.location,
      description: e.description,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

const SESSION_COLUMNS = {
  id: sessions.id,
  title: sessions.title,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  status: sessions.status,
  changeCount: sessions.changeCount,
  capacity: sessions.capacity,
  location: sql<string>`trim(${sessions.venueName} || ', ' || ${sessions.venueAddress}, ', ')`,
  organisation: organisations.name,
  dates: datesJson(sessions.id).mapWith((text: string) => JSON.parse(text) as CourseDate[]),
};

// A course is one event per date held (a weeks-long event would fill the calendar); `uid`
// gets the date's id, as invites do.
function perDate<T extends { startsAt: number; endsAt: number; status: string; dates: CourseDate[] }>(
  row: T,
): (T & { dateId: number | null })[] {
  const dates = inOrder(row.dates).filter((d) => d.status !== 'cancelled' || row.status === 'cancelled');
  if (!dates.length) return [{ ...row, dateId: null }];
  return dates.map((d) => ({ ...row, startsAt: d.startsAt, endsAt: d.endsAt, dateId: d.id }));
}

const dated = (uid: string, dateId: number | null) => (dateId == null ? uid : uid.replace('@', `-${dateId}@`));

function baseEvent(row: { title: string; status: string; startsAt: number; endsAt: number; location: string }) {
  const cancelled = row.status === 'cancelled';
  return {
    title: cancelled ? t('fr', 'mail.feed.cancelled', { title: row.title }) : row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    location: row.location,
    cancelled,
  };
}

export async function trainerSessionsFeed(db: Db, userId: number, now = Date.now()): Promise<string> {
  const rows = await db
    .select({ ...SESSION_COLUMNS, confirmed: confirmedSeats(sessions.id), waitlist: waitlistLength(sessions.id) })
    .from(sessions)
    .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .where(and(eq(sessions.trainerId, userId), gte(sessions.endsAt, now - HISTORY_MS)))
    .orderBy(sessions.startsAt);
  const events = rows.flatMap(perDate).map((row) => ({
    ...baseEvent(row),
    uid: dated(`session-${row.id}@${publicHost()}`, row.dateId),
    sequence: row.changeCount,
    description: t('fr', 'mail.feed.seats', { confirmed: row.confirmed, capacity: row.capacity, waitlist: row.waitlist }),
  }));
  return feedCalendar(t('fr', 'mail.feed.trainerName'), events);
}

export async function teacherBookingsFeed(db: Db, userId: number, now = Date.now()): Promise<string> {
  const rows = await db
    .select({ ...SESSION_COLUMNS, registrationId: registrations.id, inviteSequence: registrations.inviteSequence })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .where(and(eq(registrations.userId, userId), eq(registrations.status, 'confirmed'), gte(sessions.endsAt, now - HISTORY_MS)))
    .orderBy(sessions.startsAt);
  const events = rows.flatMap(perDate).map((row) => ({
    ...baseEvent(row),
    // Not the invite's UID: a calendar holding both the invite and the feed must not merge them.
    uid: dated(`booking-${row.registrationId}@${publicHost()}`, row.dateId),
    sequence: Math.max(row.inviteSequence - 1, 0),
    description: t('fr', 'mail.feed.organiser', { organisation: row.organisation }),
  }));
  return feedCalendar(t('fr', 'mail.feed.teacherName'), events);
}

// The feed behind a secret URL, or null (unknown or revoked token, inactive account).
export async function calendarFeedForToken(db: Db, token: string, now = Date.now()): Promise<string | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const user = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.calendarFeedTokenHash, hashSecret(token)), eq(users.active, true)))
    .get();
  if (!user) return null;
  return user.role === 'teacher' ? teacherBookingsFeed(db, user.id, now) : trainerSessionsFeed(db, user.id, now);
}
