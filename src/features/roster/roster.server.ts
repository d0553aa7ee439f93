// A session's roster as its trainer works with it: who is confirmed, waiting or cancelled,
// with contacts and attendance; booking someone on their behalf; confirming someone off the
// waitlist by hand; cancelling for someone.
import { and, asc, eq, sql } from 'drizzle-orm';
import { attendance, registrations, users, type AttendanceStatus, type RegistrationNeeds } from '~db/schema';
import { attendanceStatusOf } from '~/features/attendance/attendance-rules';
import { parseRegistration, type FieldErrors } from '~/features/registration/registration-input';
import { waitlistPosition } from '~/features/registration/seat-sql';
import { toParisIso } from '~/platform/text/dates';
import { newOp, type Actor } from '~/features/audit/audit.server';
import { confirmByHandStatements } from './admission.server';
import type { Db } from '~/platform/db/db.server';
import { batchOf } from '~/platform/db/query-parts';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { bookSeat } from '~/features/registration/book-seat.server';
import { getRegistration, type Registration } from '~/features/registration/find-registration.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';

export interface RosterEntry {
  id: number;
  status: Registration['status'];
  code: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  adults: number;
  language: string;
  needs: RegistrationNeeds | null;
  waitlistPosition: number | null;
  // Booked by a trainer (at the school gate, or let in at the door).
  assisted: boolean;
  erased: boolean;
  present: boolean | null;
  // present, late, excused, absent; null while unmarked.
  mark: AttendanceStatus | null;
  markedAt: number | null;
  createdAt: number;
  cancelledAt: number | null;
}

const byName = (a: RosterEntry, b: RosterEntry) =>
  `${a.lastName ?? ''} ${a.firstName ?? ''}`.localeCompare(`${b.lastName ?? ''} ${b.firstName ?? ''}`, 'fr', { sensitivity: 'base' }) ||
  a.id - b.id;

// Confirmed by name, the waitlist in its order, cancellations latest first.
export async function getRoster(db: Db, sessionId: number): Promise<RosterEntry[]> {
  const rows = await db
    .select({
      id: registrations.id,
      status: registrations.status,
      code: registrations.code,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      email: registrations.email,
      phone: registrations.phone,
      adults: registrations.adults,
      language: registrations.language,
      needs: registrations.needs,
      waitlistPosition: waitlistPosition(registrations),
      // Booked by a trainer (at the school gate, or let in at the door).
      assisted: sql<boolean>`${registrations.createdBy} is not null`.mapWith(Boolean),
      erased: sql<boolean>`${registrations.erasedAt} is not null`.mapWith(Boolean),
      present: attendance.present,
      markStatus: attendance.status,
      markedAt: attendance.markedAt,
      createdAt: registrations.createdAt,
      cancelledAt: registrations.cancelledAt,
    })
    .from(registrations)
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(eq(registrations.sessionId, sessionId))
    .orderBy(asc(registrations.queuedAt), asc(registrations.id));
  const entries: RosterEntry[] = rows.map(({ markStatus, ...row }) => ({ ...row, mark: attendanceStatusOf(row.present, markStatus) }));
  const of = (status: RosterEntry['status']) => entries.filter((e) => e.status === status);
  return [
    ...of('confirmed').sort(byName),
    ...of('waitlisted'),
    ...of('cancelled').sort((a, b) => (b.cancelledAt ?? 0) - (a.cancelledAt ?? 0)),
  ];
}

export function rosterJson(e: RosterEntry) {
  return {
    id: e.id,
    status: e.status,
    code: e.code,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    phone: e.phone,
    adults: e.adults,
    language: e.language,
    needs: e.needs ?? {},
    waitlistPosition: e.waitlistPosition,
    assisted: e.assisted,
    present: e.present,
    mark: e.mark,
    markedAt: e.markedAt == null ? null : toParisIso(e.markedAt),
    bookedAt: toParisIso(e.createdAt),
  };
}

export type RosterResult =
  { status: 200 | 201; registration: Registration } | { status: 422; errors: FieldErrors } | { status: 403 | 404 | 409; error: string };

const CLOSED: Record<string, string> = {
  cancelled: 'errors.sessionCancelled',
  past: 'trainer.errors.bookingPast',
  'wrong-audience': 'errors.wrongAudience',
};

// A parent at the school gate: a name is enough, a phone or an email if they have one.
export async function bookOnBehalf(
  db: Db,
  session: SessionView,
  body: unknown,
  trainer: SessionUser,
  now = Date.now(),
): Promise<RosterResult> {
  const parsed = parseRegistration(body, { contactRequired: false });
  if (!parsed.ok) return { status: 422, errors: parsed.errors };
  const email = parsed.value.email;
  const [teacher] =
    session.audience === 'teacher' && email
      ? await db
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'teacher'), eq(users.email, email)))
          .limit(1)
      : [];
  const outcome = await bookSeat(
    db,
    {
      sessionId: session.id,
      person: parsed.value,
      userId: teacher?.id ?? null,
      actor: { kind: 'user', userId: trainer.id },
      onBehalf: true,
    },
    now,
  );
  switch (outcome.kind) {
    case 'created':
    case 'existing':
      return { status: outcome.kind === 'created' ? 201 : 200, registration: outcome.registration };
    case 'already-registered':
      return { status: 409, error: 'trainer.errors.conflict' };
    case 'invalid-school':
      return { status: 422, errors: { schoolUai: 'errors.invalidSchool' } };
    case 'not-found':
      return { status: 404, error: 'errors.sessionNotFound' };
    case 'closed':
      return { status: 409, error: CLOSED[outcome.reason] ?? 'errors.sessionCancelled' };
  }
}

async function ofSession(db: Db, session: SessionView, registrationId: number): Promise<Registration | null> {
  const reg = await getRegistration(db, registrationId);
  return reg && reg.sessionId === session.id ? reg : null;
}

// Out of turn, by the trainer's choice: the capacity grows if there is no free seat for them.
export async function confirmFromWaitlist(
  db: Db,
  session: SessionView,
  registrationId: number,
  actor: Actor,
  now = Date.now(),
): Promise<RosterResult> {
  const reg = await ofSession(db, session, registrationId);
  if (!reg) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  if (session.status !== 'scheduled') return { status: 409, error: 'trainer.errors.sessionCancelled' };
  if (reg.status !== 'waitlisted') return { status: 409, error: 'trainer.errors.notWaitlisted' };
  await db.batch(
    batchOf(
      confirmByHandStatements(db, session.id, reg.id, newOp(), actor, now, { notify: true, action: 'registration.promoted-by-hand' }),
    ),
  );
  const updated = await getRegistration(db, reg.id);
  return updated ? { status: 200, registration: updated } : { status: 404, error: 'trainer.errors.registrationNotFound' };
}

// The person is told (their invite is cancelled) and the freed seats go to the waitlist.
export async function cancelForSomeone(
  db: Db,
  session: SessionView,
  registrationId: number,
  actor: Actor,
  now = Date.now(),
): Promise<RosterResult> {
  const reg = await ofSession(db, session, registrationId);
  if (!reg) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  const updated = await cancelRegistration(db, reg, actor, {}, now);
  return updated ? { status: 200, registration: updated } : { status: 404, error: 'trainer.errors.registrationNotFound' };
}
