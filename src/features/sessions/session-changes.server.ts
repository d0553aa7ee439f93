// Changes an organiser makes to a session that attendees must hear about: reschedule or move,
// cancel, change capacity. Each is one batch: the change, the messages (with their invites'
// SEQUENCE bumped) and the audit entry commit together or not at all.
//
// A batch cannot branch, so its first statement is the audit row, written only when the
// session is still in the state the change expects; every later statement runs only if that
// row exists (`guard`). A change that lost a race therefore does nothing at all.
import type { InStatement } from '@libsql/client';
import type { Actor } from '~/features/audit/audit.server';
import { newOp } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { CapacityBelowConfirmedError, SessionChangeError, type SessionChangeFailure } from './session-change-errors';
import { promoteFromWaitlist } from '~/features/registration/waitlist.server';

export { CapacityBelowConfirmedError, SessionChangeError, type SessionChangeFailure };

export interface SessionChanges {
  startsAt?: number;
  endsAt?: number;
  venueName?: string;
  venueAddress?: string;
  schoolUai?: string | null;
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

async function loadState(db: Db, sessionId: number): Promise<SessionState> {
  const rs = await db.$client.execute({
    sql: `select s.*, (select coalesce(sum(r.adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed') as confirmed_seats
          from sessions s where s.id = ?`,
    args: [sessionId],
  });
  const row = rs.rows[0] as Record<string, unknown> | undefined;
  if (!row) throw new SessionChangeError('not-found');
  return {
    status: String(row.status),
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    venueName: String(row.venue_name),
    venueAddress: String(row.venue_address),
    schoolUai: (row.school_uai as string | null) ?? null,
    changeCount: Number(row.change_count),
    confirmedSeats: Number(row.confirmed_seats),
  };
}

function guardedAudit(actor: Actor, action: string, sessionId: number, op: string, details: Record<string, unknown>, when: string, whenArgs: (string | number | null)[]): InStatement {
  return {
    sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
          select ?, ?, ?, 'session', cast(s.id as text), json_set(?, '$.op', ?, '$.capacityBefore', s.capacity)
          from sessions s where s.id = ? and ${when}`,
    args: [actor.userId ?? null, actor.kind, action, JSON.stringify(details), op, sessionId, ...whenArgs],
  };
}

function guard(sessionId: number, op: string) {
  return {
    sql: `exists (select 1 from audit_log a where a.subject_type = 'session' and a.subject_id = ? and json_extract(a.details, '$.op') = ?)`,
    args: [String(sessionId), op],
  };
}

// `attendees`: bookings told (by email, and on their manage page); `emails`: messages queued.
export interface ChangeResult {
  attendees: number;
  emails: number;
}

export interface RescheduleResult extends ChangeResult {
  changed: boolean;
}

const told = (results: { rowsAffected: number }[]): ChangeResult => ({
  attendees: results[2]?.rowsAffected ?? 0,
  emails: results[3]?.rowsAffected ?? 0,
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
function rescheduleStatements(sessionId: number, before: SessionState, after: NewPlace, noticeable: boolean, actor: Actor, now: number): InStatement[] {
  const op = newOp();
  const g = guard(sessionId, op);
  const previous: Place = { startsAt: before.startsAt, endsAt: before.endsAt, venueName: before.venueName, venueAddress: before.venueAddress };
  const statements: InStatement[] = [
    guardedAudit(actor, 'session.rescheduled', sessionId, op, { from: { ...previous, schoolUai: before.schoolUai }, to: after },
      `s.status = 'scheduled' and s.change_count = ? and s.starts_at = ? and s.ends_at = ? and s.venue_name = ? and s.venue_address = ?`,
      [before.changeCount, before.startsAt, before.endsAt, before.venueName, before.venueAddress]),
    {
      sql: `update sessions set starts_at = ?, ends_at = ?, venue_name = ?, venue_address = ?, school_uai = ?,
              change_count = change_count + ?, updated_at = ? where id = ? and ${g.sql}`,
      args: [after.startsAt, after.endsAt, after.venueName, after.venueAddress, after.schoolUai, noticeable ? 1 : 0, now, sessionId, ...g.args],
    },
  ];
  if (!noticeable) return statements;
  return [
    ...statements,
    { sql: `update registrations set last_op = ? where session_id = ? and status = 'confirmed' and ${g.sql}`, args: [op, sessionId, ...g.args] },
    queueRegistrationMessages(`'session-updated'`, 'r.last_op = ?', [op], { previous }),
    bumpInviteSequence('last_op = ?', [op]),
  ];
}

// New time and/or place. Confirmed attendees get the updated invite (same UID, next SEQUENCE)
// and a message showing the old and new values. A change that lost a race is read again.
export async function rescheduleSession(db: Db, sessionId: number, changes: SessionChanges, actor: Actor, now = Date.now()): Promise<RescheduleResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await loadState(db, sessionId);
    if (before.status !== 'scheduled') throw new SessionChangeError('cancelled');
    const after = applyChanges(before, changes);
    const noticeable = (['startsAt', 'endsAt', 'venueName', 'venueAddress'] as const).some((k) => before[k] !== after[k]);
    if (!noticeable && after.schoolUai === before.schoolUai) return { changed: false, attendees: 0, emails: 0 };
    const results = await db.$client.batch(rescheduleStatements(sessionId, before, after, noticeable, actor, now), 'write');
    if (results[0]!.rowsAffected === 1) return { changed: true, ...told(results) };
  }
  throw new SessionChangeError('conflict', 'the session changed meanwhile; reload and try again');
}

// Cancelled by the organiser, with a reason: confirmed attendees get a CANCEL for their
// invite, people on the waitlist a message without one.
export async function cancelSession(db: Db, sessionId: number, reason: string, actor: Actor, now = Date.now()): Promise<ChangeResult> {
  const cleanReason = reason.trim().slice(0, 500) || null;
  const op = newOp();
  const g = guard(sessionId, op);
  const results = await db.$client.batch(
    [
      guardedAudit(actor, 'session.cancelled', sessionId, op, { reason: cleanReason }, `s.status = 'scheduled'`, []),
      {
        sql: `update sessions set status = 'cancelled', cancel_reason = ?, change_count = change_count + 1, updated_at = ? where id = ? and ${g.sql}`,
        args: [cleanReason, now, sessionId, ...g.args],
      },
      {
        sql: `update registrations set last_op = ? where session_id = ? and status in ('confirmed', 'waitlisted') and ${g.sql}`,
        args: [op, sessionId, ...g.args],
      },
      queueRegistrationMessages(`'session-cancelled'`, 'r.last_op = ?', [op]),
      bumpInviteSequence(`last_op = ? and status = 'confirmed'`, [op]),
    ],
    'write',
  );
  if (results[0]!.rowsAffected === 1) return told(results);
  const state = await loadState(db, sessionId);
  throw new SessionChangeError(state.status === 'cancelled' ? 'cancelled' : 'conflict');
}

// Never below the confirmed seats; raising it promotes from the waitlist in the same write.
export async function changeCapacity(db: Db, sessionId: number, capacity: number, actor: Actor, now = Date.now()): Promise<{ promoted: number }> {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) throw new SessionChangeError('invalid-capacity');
  const op = newOp();
  const g = guard(sessionId, op);
  const results = await db.$client.batch(
    [
      guardedAudit(actor, 'session.capacity-changed', sessionId, op, { capacity }, `s.status = 'scheduled'
        and ? >= (select coalesce(sum(r.adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed')`, [capacity]),
      { sql: `update sessions set capacity = ?, updated_at = ? where id = ? and ${g.sql}`, args: [capacity, now, sessionId, ...g.args] },
      ...promoteFromWaitlist(db, sessionId, newOp(), actor, now),
    ],
    'write',
  );
  if (results[0]!.rowsAffected === 1) return { promoted: results[2]!.rowsAffected };
  const state = await loadState(db, sessionId);
  if (state.status !== 'scheduled') throw new SessionChangeError('cancelled');
  throw new CapacityBelowConfirmedError(state.confirmedSeats);
}
