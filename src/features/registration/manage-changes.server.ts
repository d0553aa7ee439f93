// What the holder of a manage link may change about their booking ("cancel or change with
// one link"; cancelling is cancellation.server.ts).
//
// Moving to another date of the same workshop: the registration keeps its row, code, manage
// link and calendar UID, so the person's calendar gets the new date as an update (same UID,
// next SEQUENCE). A move only goes where there is a free seat now (never from a seat to a
// waitlist), and the seat it leaves goes to that session's waitlist in the same write.
//
// The number of adults: more only if the seats are free now; fewer frees seats for the
// waitlist in the same write (DESIGN rules 1, 3, 4).
import { asStatement } from '~/platform/db/statement';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { getRegistration, type Registration } from './book-seat.server';
import { bookingGate, getSession, listSessions, type SessionView } from '~/features/sessions/sessions.server';
import { promoteFromWaitlist } from './waitlist.server';

export type MoveOutcome = { kind: 'moved'; registration: Registration } | { kind: 'full' | 'already-booked' | 'not-allowed' };
export type AdultsOutcome = { kind: 'changed'; registration: Registration } | { kind: 'full' | 'not-allowed' };

// Other dates of the same workshop with room for this booking now, soonest first.
export async function moveTargets(db: Db, registration: Registration, now = Date.now()): Promise<SessionView[]> {
  if (registration.status === 'cancelled') return [];
  const source = await getSession(db, registration.sessionId, now);
  if (!source?.trackId) return [];
  const sessions = await listSessions(db, { audience: source.audience, trackId: source.trackId, from: now, limit: 100 }, now);
  return sessions.filter((s) => s.id !== source.id && s.startsAt > now && s.waitlistLength === 0 && s.seatsLeft >= registration.adults).slice(0, 10);
}

export async function moveRegistration(db: Db, registration: Registration, targetId: number, actor: Actor, now = Date.now()): Promise<MoveOutcome> {
  const [source, target] = await Promise.all([getSession(db, registration.sessionId, now), getSession(db, targetId, now)]);
  if (registration.status === 'cancelled' || !source || !target || target.id === source.id) return { kind: 'not-allowed' };
  if (!source.trackId || target.trackId !== source.trackId || target.audience !== source.audience) return { kind: 'not-allowed' };
  const op = newOp();
  const previous = { startsAt: source.startsAt, endsAt: source.endsAt, venueName: source.venue.name, venueAddress: source.venue.address };
  await db.$client.batch(
    [
      // The seat rule of booking, for the target; OR IGNORE: the person already booked there.
      {
        sql: `update or ignore registrations set session_id = ?, status = 'confirmed', queued_at = ?, updated_at = ?, last_op = ?
              where id = ? and session_id = ? and status <> 'cancelled'
                and not exists (select 1 from registrations w where w.session_id = ? and w.status = 'waitlisted')
                and (select coalesce(sum(c.adults), 0) from registrations c where c.session_id = ? and c.status = 'confirmed') + adults
                    <= (select s.capacity from sessions s where s.id = ? and s.status = 'scheduled' and s.starts_at > ?)`,
        args: [target.id, now, now, op, registration.id, source.id, target.id, target.id, target.id, now],
      },
      queueRegistrationMessages(`'moved'`, 'r.last_op = ?', [op], { previous }),
      bumpInviteSequence('last_op = ?', [op]),
      asStatement(auditRegistrationsStatement(db, actor, 'registration.moved', op)),
      ...promoteFromWaitlist(db, source.id, newOp(), actor, now),
    ],
    'write',
  );
  const after = await getRegistration(db, registration.id);
  if (after?.sessionId === target.id) return { kind: 'moved', registration: after };
  return { kind: (await alreadyBooked(db, registration, target.id)) ? 'already-booked' : 'full' };
}

async function alreadyBooked(db: Db, r: Registration, sessionId: number): Promise<boolean> {
  const rs = await db.$client.execute({
    sql: `select 1 from registrations where session_id = ? and status <> 'cancelled'
          and ((? is not null and email = ?) or (? is not null and phone = ?) or (? is not null and user_id = ?)) limit 1`,
    args: [sessionId, r.email, r.email, r.phone, r.phone, r.userId, r.userId],
  });
  return rs.rows.length > 0;
}

export async function changeAdults(db: Db, registration: Registration, adults: 1 | 2, actor: Actor, now = Date.now()): Promise<AdultsOutcome> {
  const session = await bookingGate(db, registration.sessionId);
  if (registration.status === 'cancelled' || session?.status !== 'scheduled' || session.startsAt <= now || session.audience !== 'parent') return { kind: 'not-allowed' };
  const op = newOp();
  await db.$client.batch(
    [
      // A confirmed booking grows only into free seats (its own seats count as its own).
      {
        sql: `update registrations set adults = ?, updated_at = ?, last_op = ?
              where id = ? and status <> 'cancelled'
                and exists (select 1 from sessions s where s.id = registrations.session_id and s.status = 'scheduled' and s.starts_at > ?)
                and (status = 'waitlisted' or ? <= adults
                  or (select coalesce(sum(c.adults), 0) from registrations c where c.session_id = registrations.session_id and c.status = 'confirmed' and c.id <> registrations.id) + ?
                     <= (select s.capacity from sessions s where s.id = registrations.session_id))`,
        args: [adults, now, op, registration.id, now, adults, adults],
      },
      asStatement(auditRegistrationsStatement(db, actor, 'registration.adults-changed', op)),
      ...promoteFromWaitlist(db, registration.sessionId, newOp(), actor, now),
    ],
    'write',
  );
  const after = await getRegistration(db, registration.id);
  if (after?.adults === adults) return { kind: 'changed', registration: after };
  return { kind: after && after.status !== 'cancelled' ? 'full' : 'not-allowed' };
}
