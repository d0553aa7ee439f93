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
import { and, eq, exists, gt, lte, ne, notExists, or, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { registrations, sessions } from '~db/schema';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { getOwnRegistration, type Registration } from './find-registration.server';
import { bookingGate, getSession, listSessions, type SessionView } from '~/features/sessions/sessions.server';
import { promoteFromWaitlist } from './waitlist.server';
import { haversineKm } from '~/features/sessions/availability';
import { getSchool } from '~/features/schools/schools.server';
import { confirmedSeats, nobodyWaiting, openCapacity } from './seat-sql';

export type MoveOutcome = { kind: 'moved'; registration: Registration } | { kind: 'full' | 'already-booked' | 'not-allowed' };
export type AdultsOutcome = { kind: 'changed'; registration: Registration } | { kind: 'full' | 'not-allowed' };

// Other dates of the same workshop with room for this booking now, nearest the child's school
// first, then soonest; `km` is null where the school or the place is unknown.
export async function moveTargets(db: Db, registration: Registration, now = Date.now()): Promise<(SessionView & { km: number | null })[]> {
  if (registration.status === 'cancelled') return [];
  const source = await getSession(db, registration.sessionId, now);
  if (!source?.trackId) return [];
  const [sessions, child] = await Promise.all([
    listSessions(db, { audience: source.audience, trackId: source.trackId, from: now, limit: 100 }, now),
    registration.childSchoolUai ? getSchool(db, registration.childSchoolUai) : null,
  ]);
  const from = child;
  const km = (s: SessionView) =>
    from?.latitude != null && from.longitude != null && s.school?.latitude != null && s.school.longitude != null
      ? haversineKm({ lat: from.latitude, lon: from.longitude }, { lat: s.school.latitude, lon: s.school.longitude })
      : null;
  return sessions
    .filter((s) => s.id !== source.id && s.startsAt > now && s.waitlistLength === 0 && s.seatsLeft >= registration.adults)
    .map((s) => ({ ...s, km: km(s) }))
    .sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.startsAt - b.startsAt)
    .slice(0, 10);
}

export async function moveRegistration(
  db: Db,
  registration: Registration,
  targetId: number,
  actor: Actor,
  now = Date.now(),
): Promise<MoveOutcome> {
  const [source, target] = await Promise.all([getSession(db, registration.sessionId, now), getSession(db, targetId, now)]);
  if (registration.status === 'cancelled' || !source || !target || target.id === source.id) return { kind: 'not-allowed' };
  if (!source.trackId || target.trackId !== source.trackId || target.audience !== source.audience) return { kind: 'not-allowed' };
  const op = newOp();
  const previous = { startsAt: source.startsAt, endsAt: source.endsAt, venueName: source.venue.name, venueAddress: source.venue.address };
  const marked = eq(registrations.lastOp, op);
  await db.batch([
    // The seat rule of booking, for the target; never onto a live booking of the same person
    // there (what the unique indexes would refuse, DESIGN rule 2).
    db
      .update(registrations)
      .set({ sessionId: target.id, status: 'confirmed', queuedAt: now, updatedAt: now, lastOp: op })
      .where(
        and(
          eq(registrations.id, registration.id),
          eq(registrations.sessionId, source.id),
          ne(registrations.status, 'cancelled'),
          nobodyWaiting(target.id),
          lte(sql`${confirmedSeats(target.id)} + ${registrations.adults}`, openCapacity(target.id, now)),
          notExists(samePersonBookings(db, target.id, registrations)),
        ),
      ),
    queueRegistrationMessages(db, messageKind('moved'), marked, { previous }),
    bumpInviteSequence(db, marked),
    auditRegistrationsStatement(db, actor, 'registration.moved', op),
    ...promoteFromWaitlist(db, source.id, newOp(), actor, now),
  ]);
  // Not moved on this instance's replica may only mean not there yet: the primary says.
  const after = await getOwnRegistration(db, registration.id, (r) => r.sessionId === target.id);
  if (after?.sessionId === target.id) return { kind: 'moved', registration: after };
  const [booked] = await samePersonBookings(db, target.id, registration).limit(1);
  return { kind: booked ? 'already-booked' : 'full' };
}

type Person = { email: SQLWrapper | string | null; phone: SQLWrapper | string | null; userId: SQLWrapper | number | null };

// Live bookings at this session by the same person: same email, phone or account.
function samePersonBookings(db: Db, sessionId: number, who: Person) {
  const other = alias(registrations, 'other');
  const same = (column: SQLWrapper, value: SQLWrapper | string | number | null) => (value == null ? undefined : eq(column, value));
  return db
    .select({ id: other.id })
    .from(other)
    .where(
      and(
        eq(other.sessionId, sessionId),
        ne(other.status, 'cancelled'),
        or(same(other.email, who.email), same(other.phone, who.phone), same(other.userId, who.userId)),
      ),
    );
}

export async function changeAdults(
  db: Db,
  registration: Registration,
  adults: 1 | 2,
  actor: Actor,
  now = Date.now(),
): Promise<AdultsOutcome> {
  const session = await bookingGate(db, registration.sessionId);
  if (registration.status === 'cancelled' || session?.status !== 'scheduled' || session.startsAt <= now || session.audience !== 'parent')
    return { kind: 'not-allowed' };
  const op = newOp();
  // A confirmed booking grows only into free seats (its own seats count as its own).
  const grows = lte(
    sql`${confirmedSeats(registrations.sessionId)} - ${registrations.adults} + ${adults}`,
    openCapacity(registrations.sessionId, now),
  );
  await db.batch([
    db
      .update(registrations)
      .set({ adults, updatedAt: now, lastOp: op })
      .where(
        and(
          eq(registrations.id, registration.id),
          ne(registrations.status, 'cancelled'),
          exists(
            db
              .select({ one: sql`1` })
              .from(sessions)
              .where(and(eq(sessions.id, registrations.sessionId), eq(sessions.status, 'scheduled'), gt(sessions.startsAt, now))),
          ),
          or(eq(registrations.status, 'waitlisted'), lte(sql`${adults}`, registrations.adults), grows),
        ),
      ),
    auditRegistrationsStatement(db, actor, 'registration.adults-changed', op),
    ...promoteFromWaitlist(db, registration.sessionId, newOp(), actor, now),
  ]);
  const after = await getOwnRegistration(db, registration.id, (r) => r.adults === adults);
  if (after?.adults === adults) return { kind: 'changed', registration: after };
  return { kind: after && after.status !== 'cancelled' ? 'full' : 'not-allowed' };
}
