// Changes an organiser makes to a session that attendees must hear about: reschedule or move,
// cancel, change capacity. Each is one batch: the change, the messages (with their invites'
// SEQUENCE bumped) and the audit entry commit together or not at all.
//
// A batch cannot branch, so its first statement is the audit row, written only when the
// session is still in the state the change expects; every later statement runs only if that
// row exists (`guard`). A change that lost a race therefore does nothing at all.
import { and, eq, exists, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { auditLog, registrations, sessions } from '~db/schema';
import { auditColumns, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { batchOf, type Statement } from '~/platform/db/query-parts';
import { fromPrimary } from '~/platform/db/own-writes';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { confirmedSeats, qualified } from '~/features/registration/seat-sql';
import { CapacityBelowConfirmedError, SessionChangeError, type SessionChangeFailure } from './session-change-errors';
import { promoteFromWaitlist } from '~/features/registration/waitlist.server';
import { recordNotices } from '~/features/notices/notices.server';
import { shiftCourseDates } from '~/features/courses/course-dates.server';

export { CapacityBelowConfirmedError, SessionChangeError, type SessionChangeFailure };

export interface SessionChanges {
  startsAt?: number;
  endsAt?: number;
  venueName?: string;
  venueAddress?: string;
  schoolUai?: string | null;
  // A course moved as a whole: every date moves by this much (ms), with the session's span.
  shiftDates?: number;
}

interface SessionState {
  status: string;
  startsAt: number;
  endsAt: number;
  venueName: string;
  venueAddress: string;
  schoolUai: string | null;
  changeCount: number;
  confirmedSeats: number;
}

function stateQuery(db: Db, sessionId: number) {
  return db
    .select({
      status: sessions.status,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      venueName: sessions.venueName,
      venueAddress: sessions.venueAddress,
      schoolUai: sessions.schoolUai,
      changeCount: sessions.changeCount,
      confirmedSeats: confirmedSeats(sessions.id),
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
}

// `fresh` after a change that did nothing: on a sqld replica, the state is read on the primary,
// since the replica's copy may be what made the change miss (own-writes.ts).
async function loadState(db: Db, sessionId: number, fresh = false): Promise<SessionState> {
  const [row] = fresh ? await fromPrimary<SessionState>(db, () => stateQuery(db, sessionId)) : await stateQuery(db, sessionId);
  if (!row) throw new SessionChangeError('not-found');
  return row;
}

// The change's audit row, written only if the session is still as `expected` (over `sessions`)
// says; it carries the change's `op`, which `guard` looks for.
export function guardedAudit(
  db: Db,
  actor: Actor,
  action: string,
  sessionId: number,
  op: string,
  details: Record<string, unknown>,
  expected: SQL | undefined,
) {
  const withOp = sql`json_set(${JSON.stringify(details)}, '$.op', ${op}, '$.capacityBefore', ${qualified(sessions.capacity)})`;
  const columns = auditColumns(actor, action, 'session', sql<string>`cast(${qualified(sessions.id)} as text)`, withOp);
  return db.insert(auditLog).select(
    db
      .select(columns)
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), expected)),
  );
}

// The change's audit row exists: an earlier statement of this batch found the session as expected.
export function guard(db: Db, sessionId: number, op: string) {
  const written = and(
    eq(auditLog.subjectType, 'session'),
    eq(auditLog.subjectId, String(sessionId)),
    sql`json_extract(${auditLog.details}, '$.op') = ${op}`,
  );
  return exists(
    db
      .select({ one: sql`1` })
      .from(auditLog)
      .where(written),
  );
}

// `attendees`: bookings told (by message, and on their manage page); `emails`: messages queued
// (emails and SMS). Who was really reached is in the change's notices (`ops` collects its op).
export interface ChangeResult {
  attendees: number;
  emails: number;
}

export interface RescheduleResult extends ChangeResult {
  changed: boolean;
}

// Which statements marked the attendees and queued their messages (a course's dates moving
// with it add one statement before them).
const told = (results: { rowsAffected: number }[], offset = 0): ChangeResult => ({
  attendees: results[2 + offset]?.rowsAffected ?? 0,
  emails: results[3 + offset]?.rowsAffected ?? 0,
});

type Place = Pick<SessionState, 'startsAt' | 'endsAt' | 'venueName' | 'venueAddress'>;
type NewPlace = Place & { schoolUai: string | null };

function applyChanges(before: SessionState, changes: SessionChanges): NewPlace {
  const after = {
    startsAt: changes.startsAt ?? before.startsAt,
    endsAt: changes.endsAt ?? before.endsAt,
    venueName: changes.venueName ?? before.venueName,
    venueAddress: changes.venueAddress ?? before.venueAddress,
    schoolUai: changes.schoolUai === undefined ? before.schoolUai : changes.schoolUai,
  };
  if (!Number.isFinite(after.startsAt) || !(after.endsAt > after.startsAt)) throw new SessionChangeError('invalid-times');
  return after;
}

// `noticeable`: attendees see the change (time or place), so they get the updated invite.
function rescheduleStatements(
  db: Db,
  sessionId: number,
  before: SessionState,
  after: NewPlace,
  noticeable: boolean,
  actor: Actor,
  now: number,
  op: string,
  shiftDates = 0,
): Statement[] {
  const g = guard(db, sessionId, op);
  const previous: Place = {
    startsAt: before.startsAt,
    endsAt: before.endsAt,
    venueName: before.venueName,
    venueAddress: before.venueAddress,
  };
  const unchanged = and(
    eq(sessions.status, 'scheduled'),
    eq(sessions.changeCount, before.changeCount),
    eq(sessions.startsAt, before.startsAt),
    eq(sessions.endsAt, before.endsAt),
    eq(sessions.venueName, before.venueName),
    eq(sessions.venueAddress, before.venueAddress),
  );
  const statements: Statement[] = [
    guardedAudit(
      db,
      actor,
      'session.rescheduled',
      sessionId,
      op,
      { from: { ...previous, schoolUai: before.schoolUai }, to: after },
      unchanged,
    ),
    db
      .update(sessions)
      .set({ ...after, changeCount: sql`${sessions.changeCount} + ${noticeable ? 1 : 0}`, updatedAt: now })
      .where(and(eq(sessions.id, sessionId), g)),
  ];
  if (shiftDates) statements.push(shiftCourseDates(db, sessionId, shiftDates, now, g));
  if (!noticeable) return statements;
  const marked = eq(registrations.lastOp, op);
  return [
    ...statements,
    db
      .update(registrations)
      .set({ lastOp: op })
      .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'confirmed'), g)),
    queueRegistrationMessages(db, messageKind('session-updated'), marked, { previous }),
    bumpInviteSequence(db, marked),
    recordNotices(db, 'session-updated', marked),
  ];
}

// New time and/or place. Confirmed attendees get the updated invite (same UID, next SEQUENCE)
// and a message showing the old and new values. A change that lost a race is read again.
export async function rescheduleSession(
  db: Db,
  sessionId: number,
  changes: SessionChanges,
  actor: Actor,
  now = Date.now(),
  ops: string[] = [],
): Promise<RescheduleResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await loadState(db, sessionId, attempt > 0);
    if (before.status !== 'scheduled') throw new SessionChangeError('cancelled');
    const after = applyChanges(before, changes);
    const noticeable = (['startsAt', 'endsAt', 'venueName', 'venueAddress'] as const).some((k) => before[k] !== after[k]);
    if (!noticeable && after.schoolUai === before.schoolUai) return { changed: false, attendees: 0, emails: 0 };
    const op = newOp();
    const shift = changes.shiftDates ?? 0;
    const results = await db.batch(batchOf(rescheduleStatements(db, sessionId, before, after, noticeable, actor, now, op, shift)));
    if (results[0]!.rowsAffected === 1) {
      if (noticeable) ops.push(op);
      return { changed: true, ...told(results, shift ? 1 : 0) };
    }
  }
  throw new SessionChangeError('conflict', 'the session changed meanwhile; reload and try again');
}

// Cancelled by the organiser, with a reason: confirmed attendees get a CANCEL for their
// invite, people on the waitlist a message without one.
export async function cancelSession(
  db: Db,
  sessionId: number,
  reason: string,
  actor: Actor,
  now = Date.now(),
  ops: string[] = [],
): Promise<ChangeResult> {
  const cleanReason = reason.trim().slice(0, 500) || null;
  const op = newOp();
  const g = guard(db, sessionId, op);
  const marked = eq(registrations.lastOp, op);
  const results = await db.batch([
    guardedAudit(db, actor, 'session.cancelled', sessionId, op, { reason: cleanReason }, eq(sessions.status, 'scheduled')),
    db
      .update(sessions)
      .set({ status: 'cancelled', cancelReason: cleanReason, changeCount: sql`${sessions.changeCount} + 1`, updatedAt: now })
      .where(and(eq(sessions.id, sessionId), g)),
    db
      .update(registrations)
      .set({ lastOp: op })
      .where(and(eq(registrations.sessionId, sessionId), inArray(registrations.status, ['confirmed', 'waitlisted']), g)),
    queueRegistrationMessages(db, messageKind('session-cancelled'), marked),
    bumpInviteSequence(db, and(marked, eq(registrations.status, 'confirmed'))),
    recordNotices(db, 'session-cancelled', marked),
  ]);
  if (results[0]!.rowsAffected === 1) {
    ops.push(op);
    return told(results);
  }
  const state = await loadState(db, sessionId, true);
  throw new SessionChangeError(state.status === 'cancelled' ? 'cancelled' : 'conflict');
}

// Never below the confirmed seats; raising it promotes from the waitlist in the same write.
export async function changeCapacity(
  db: Db,
  sessionId: number,
  capacity: number,
  actor: Actor,
  now = Date.now(),
  ops: string[] = [],
): Promise<{ promoted: number }> {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) throw new SessionChangeError('invalid-capacity');
  const op = newOp();
  const promotion = newOp();
  const g = guard(db, sessionId, op);
  const notBelowConfirmed = and(eq(sessions.status, 'scheduled'), gte(sql`${capacity}`, confirmedSeats(sessions.id)));
  const results = await db.batch([
    guardedAudit(db, actor, 'session.capacity-changed', sessionId, op, { capacity }, notBelowConfirmed),
    db
      .update(sessions)
      .set({ capacity, updatedAt: now })
      .where(and(eq(sessions.id, sessionId), g)),
    ...promoteFromWaitlist(db, sessionId, promotion, actor, now),
  ]);
  if (results[0]!.rowsAffected === 1) {
    ops.push(promotion);
    return { promoted: results[2]!.rowsAffected };
  }
  const state = await loadState(db, sessionId, true);
  if (state.status !== 'scheduled') throw new SessionChangeError('cancelled');
  throw new CapacityBelowConfirmedError(state.confirmedSeats);
}
