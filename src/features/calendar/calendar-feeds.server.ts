// Subscribable calendars at a secret, revocable URL: a trainer's sessions, a teacher's
// bookings. Only the token's hash is stored; a new token replaces (revokes) the old one.
// Feeds carry no names or contacts: calendars get shared.
import { ICalEventStatus } from 'ical-generator';
import { t } from '~/i18n';
import { parisDate, TIME_ZONE } from '~/platform/text/dates';
import { audit, type Actor } from '~/features/audit/audit.server';
import { parisCalendar, publicHost } from './invite';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { generateSecret, hashSecret } from '~/platform/text/tokens';

// Past events stay a while, so last month's sessions do not vanish from the calendar.
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;

export function calendarFeedUrl(token: string): string {
  return `${config.publicUrl}/calendar/${token}.ics`;
}

export async function createCalendarFeed(db: Db, userId: number, actor: Actor): Promise<string> {
  const token = generateSecret();
  await db.$client.execute({ sql: 'update users set calendar_feed_token_hash = ? where id = ?', args: [hashSecret(token), userId] });
  await audit(db, actor, 'calendar-feed.created', 'user', userId);
  return token;
}

export async function revokeCalendarFeed(db: Db, userId: number, actor: Actor): Promise<void> {
  await db.$client.execute({ sql: 'update users set calendar_feed_token_hash = null where id = ?', args: [userId] });
  await audit(db, actor, 'calendar-feed.revoked', 'user', userId);
}

export async function hasCalendarFeed(db: Db, userId: number): Promise<boolean> {
  const rs = await db.$client.execute({ sql: 'select calendar_feed_token_hash is not null as on_ from users where id = ?', args: [userId] });
  return Number(rs.rows[0]?.on_ ?? 0) === 1;
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

const SESSION_COLUMNS = `s.id, s.title, s.starts_at, s.ends_at, s.status, s.change_count, s.capacity,
  trim(s.venue_name || ', ' || s.venue_address, ', ') as location, o.name as organisation`;

function baseEvent(row: Record<string, unknown>) {
  return {
    title: row.status === 'cancelled' ? t('fr', 'mail.feed.cancelled', { title: String(row.title) }) : String(row.title),
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    location: String(row.location),
    cancelled: row.status === 'cancelled',
  };
}

export async function trainerSessionsFeed(db: Db, userId: number, now = Date.now()): Promise<string> {
  const rs = await db.$client.execute({
    sql: `select ${SESSION_COLUMNS},
            (select coalesce(sum(r.adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed') as confirmed,
            (select count(*) from registrations r where r.session_id = s.id and r.status = 'waitlisted') as waitlist
          from sessions s join organisations o on o.id = s.organisation_id
          where s.trainer_id = ? and s.ends_at >= ? order by s.starts_at`,
    args: [userId, now - HISTORY_MS],
  });
  const events = (rs.rows as unknown as Record<string, unknown>[]).map((row) => ({
    ...baseEvent(row),
    uid: `session-${row.id}@${publicHost()}`,
    sequence: Number(row.change_count),
    description: t('fr', 'mail.feed.seats', { confirmed: Number(row.confirmed), capacity: Number(row.capacity), waitlist: Number(row.waitlist) }),
  }));
  return feedCalendar(t('fr', 'mail.feed.trainerName'), events);
}

export async function teacherBookingsFeed(db: Db, userId: number, now = Date.now()): Promise<string> {
  const rs = await db.$client.execute({
    sql: `select ${SESSION_COLUMNS}, r.id as registration_id, r.invite_sequence
          from registrations r join sessions s on s.id = r.session_id join organisations o on o.id = s.organisation_id
          where r.user_id = ? and r.status = 'confirmed' and s.ends_at >= ? order by s.starts_at`,
    args: [userId, now - HISTORY_MS],
  });
  const events = (rs.rows as unknown as Record<string, unknown>[]).map((row) => ({
    ...baseEvent(row),
    // Not the invite's UID: a calendar holding both the invite and the feed must not merge them.
    uid: `booking-${row.registration_id}@${publicHost()}`,
    sequence: Math.max(Number(row.invite_sequence) - 1, 0),
    description: t('fr', 'mail.feed.organiser', { organisation: String(row.organisation) }),
  }));
  return feedCalendar(t('fr', 'mail.feed.teacherName'), events);
}

// The feed behind a secret URL, or null (unknown or revoked token, inactive account).
export async function calendarFeedForToken(db: Db, token: string, now = Date.now()): Promise<string | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const rs = await db.$client.execute({
    sql: 'select id, role from users where calendar_feed_token_hash = ? and active = 1',
    args: [hashSecret(token)],
  });
  const user = rs.rows[0] as Record<string, unknown> | undefined;
  if (!user) return null;
  const userId = Number(user.id);
  return user.role === 'teacher' ? teacherBookingsFeed(db, userId, now) : trainerSessionsFeed(db, userId, now);
}
