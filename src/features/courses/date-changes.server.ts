// A trainer moves or cancels one date of a course. Like every session change (see
// session-changes.server.ts), one batch: the audit row written only if the date is still as
// the trainer saw it, then the change, the session's span, and the messages to everyone
// concerned with an invite for that date's event only (same UID, next SEQUENCE), so the
// other dates in their calendars stay as they are.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { registrations, sessionDates, sessions } from '~db/schema';
import { newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { recordNotices } from '~/features/notices/notices.server';
import { qualified } from '~/features/registration/seat-sql';
import { guard, guardedAudit, SessionChangeError } from '~/features/sessions/session-changes.server';
import { heldSpan } from './course-dates.server';

export interface DateState {
  id: number;
  sessionId: number;
  startsAt: number;
  endsAt: number;
  status: 'scheduled' | 'cancelled';
  sessionStatus: 'scheduled' | 'cancelled';
  venueName: string;
  venueAddress: string;
  heldDates: number;
}

export async function loadDate(db: Db, sessionId: number, dateId: number): Promise<DateState> {
  const held = sql<number>`(select count(*) from ${sessionDates} as ${sql.identifier('h')}
    where ${sql.identifier('h')}.${sql.identifier('session_id')} = ${qualified(sessions.id)} and ${sql.identifier('h')}.${sql.identifier('status')} = 'scheduled')`;
  const [row] = await db
    .select({
      id: sessionDates.id,
      sessionId: sessionDates.sessionId,
      startsAt: sessionDates.startsAt,
      endsAt: sessionDates.endsAt,
      status: sessionDates.status,
      sessionStatus: sessions.status,
      venueName: sessions.venueName,
      venueAddress: sessions.venueAddress,
      heldDates: held,
    })
    .from(sessionDates)
    .innerJoin(sessions, eq(sessions.id, sessionDates.sessionId))
    .where(and(eq(sessionDates.id, dateId), eq(sessionDates.sessionId, sessionId)));
  if (!row) throw new SessionChangeError('not-found');
  if (row.sessionStatus !== 'scheduled' || row.status !== 'scheduled') throw new SessionChangeError('cancelled');
  return row;
}

// The date as the trainer saw it, still held, on a course still scheduled.
function dateUnchanged(before: DateState) {
  return and(
    eq(sessions.status, 'scheduled'),
    sql`exists (select 1 from ${sessionDates} as ${sql.identifier('was')} where ${sql.identifier('was')}.${sql.identifier('id')} = ${before.id}
      and ${sql.identifier('was')}.${sql.identifier('status')} = 'scheduled'
      and ${sql.identifier('was')}.${sql.identifier('starts_at')} = ${before.startsAt} and ${sql.identifier('was')}.${sql.identifier('ends_at')} = ${before.endsAt})`,
  );
}

function spanUpdate(db: Db, sessionId: number, now: number, g: ReturnType<typeof guard>) {
  return db
    .update(sessions)
    .set({ ...heldSpan(sessionId), changeCount: sql`${sessions.changeCount} + 1`, updatedAt: now })
    .where(and(eq(sessions.id, sessionId), g));
}

export interface DateChangeResult {
  attendees: number;
  emails: number;
}

// One date to another time. Confirmed attendees get that date's event updated.
export async function moveCourseDate(
  db: Db,
  sessionId: number,
  dateId: number,
  slot: { startsAt: number; endsAt: number },
  actor: Actor,
  now = Date.now(),
  ops: string[] = [],
): Promise<DateChangeResult & { changed: boolean }> {
  const before = await loadDate(db, sessionId, dateId);
  if (before.startsAt === slot.startsAt && before.endsAt === slot.endsAt) return { changed: false, attendees: 0, emails: 0 };
  const op = newOp();
  const g = guard(db, sessionId, op);
  const marked = eq(registrations.lastOp, op);
  const previous = { startsAt: before.startsAt, endsAt: before.endsAt, venueName: before.venueName, venueAddress: before.venueAddress };
  const details = { dateId, from: { startsAt: before.startsAt, endsAt: before.endsAt }, to: slot };
  const results = await db.batch([
    guardedAudit(db, actor, 'session.date-moved', sessionId, op, details, dateUnchanged(before)),
    db
      .update(sessionDates)
      .set({ ...slot, updatedAt: now })
      .where(and(eq(sessionDates.id, dateId), g)),
    spanUpdate(db, sessionId, now, g),
    db
      .update(registrations)
      .set({ lastOp: op })
      .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'confirmed'), g)),
    queueRegistrationMessages(db, messageKind('session-updated'), marked, { previous, dateId }),
    bumpInviteSequence(db, marked),
    recordNotices(db, 'session-updated', marked),
  ]);
  if (results[0].rowsAffected !== 1) throw new SessionChangeError('conflict', 'the date changed meanwhile; reload and try again');
  ops.push(op);
  return { changed: true, attendees: results[3].rowsAffected, emails: results[4].rowsAffected };
}

// One date cancelled, with a reason: confirmed attendees get a CANCEL for that date's event,
// people on the waitlist a message without one. The last date held is cancelled with the
// whole course instead.
export async function cancelCourseDate(
  db: Db,
  sessionId: number,
  dateId: number,
  reason: string,
  actor: Actor,
  now = Date.now(),
  ops: string[] = [],
): Promise<DateChangeResult> {
  const before = await loadDate(db, sessionId, dateId);
  if (before.heldDates <= 1) throw new SessionChangeError('conflict', 'the last date: cancel the course');
  const cleanReason = reason.trim().slice(0, 500) || null;
  const op = newOp();
  const g = guard(db, sessionId, op);
  const marked = eq(registrations.lastOp, op);
  const results = await db.batch([
    guardedAudit(db, actor, 'session.date-cancelled', sessionId, op, { dateId, reason: cleanReason }, dateUnchanged(before)),
    db
      .update(sessionDates)
      .set({ status: 'cancelled', cancelReason: cleanReason, updatedAt: now })
      .where(and(eq(sessionDates.id, dateId), g)),
    spanUpdate(db, sessionId, now, g),
    db
      .update(registrations)
      .set({ lastOp: op })
      .where(and(eq(registrations.sessionId, sessionId), inArray(registrations.status, ['confirmed', 'waitlisted']), g)),
    queueRegistrationMessages(db, messageKind('date-cancelled'), marked, { dateId, dateReason: cleanReason }),
    bumpInviteSequence(db, and(marked, eq(registrations.status, 'confirmed'))),
    recordNotices(db, 'date-cancelled', marked),
  ]);
  if (results[0].rowsAffected !== 1) throw new SessionChangeError('conflict', 'the date changed meanwhile; reload and try again');
  ops.push(op);
  return { attendees: results[3].rowsAffected, emails: results[4].rowsAffected };
}
