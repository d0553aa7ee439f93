// Attendance at the door: one mark per tap, idempotent (the same tap twice changes nothing and
// writes no second audit entry), and walk-ins confirmed and marked present in one write.
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { attendance, auditLog, dateAttendance, registrations, users, type AttendanceStatus } from '~db/schema';
import { batchOf } from '~/platform/db/query-parts';
import { attendanceOpen, attendanceStatusOf, isPresentStatus } from './attendance-rules';
import { missedYouStatement, nextDates, withdrawMissedYouStatement } from './no-shows.server';
import { dateClosedReason, dateMarkStatements, dateUnmarkStatements } from '~/features/courses/date-attendance.server';
import { keyStatements, markStatements, registrationForKey, unmarkStatements, type Mark } from './attendance-marks.server';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { auditColumns, newOp, type Actor } from '~/features/audit/audit.server';
import { confirmByHandStatements, growCapacityToFit, walkInStatement } from '~/features/roster/admission.server';
import type { Db } from '~/platform/db/db.server';
import { getRegistration, registrationById, type Registration } from '~/features/registration/find-registration.server';
import { fromPrimary } from '~/platform/db/own-writes';
import type { SessionView } from '~/features/sessions/sessions.server';
import { generateBookingCode } from '~/platform/text/tokens';

export interface AttendanceState {
  registrationId: number;
  status: Registration['status'];
  present: boolean | null;
  // present, late, excused, absent; null while unmarked.
  mark: AttendanceStatus | null;
  markedAt: number | null;
}

export type AttendanceResult =
  { status: 200 | 201; attendance: AttendanceState; registration: Registration } | { status: 404 | 409; error: string };

function stateQuery(db: Db, registrationId: number) {
  return db
    .select({
      registrationId: registrations.id,
      status: registrations.status,
      present: attendance.present,
      markStatus: attendance.status,
      markedAt: attendance.markedAt,
    })
    .from(registrations)
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(eq(registrations.id, registrationId));
}
type StateRow = Awaited<ReturnType<typeof stateQuery>>[number];

function stateOf(row: StateRow | undefined): AttendanceState | null {
  if (!row) return null;
  const { markStatus, ...rest } = row;
  return { ...rest, mark: attendanceStatusOf(row.present, markStatus) };
}

export async function attendanceState(db: Db, registrationId: number): Promise<AttendanceState | null> {
  return stateOf((await stateQuery(db, registrationId))[0]);
}

// `dateId`: the door page of one date of a course.
function closedReason(session: SessionView, now: number, dateId?: number): string | null {
  if (dateId !== undefined) return dateClosedReason(session, dateId, now);
  if (session.status !== 'scheduled') return 'trainer.errors.sessionCancelled';
  return attendanceOpen(session, now) ? null : 'trainer.errors.attendanceNotOpen';
}

// The state after a write. A sqld replica may not have it yet (a walk-in not there at all, a
// mark not shown): then it is read on the primary (own-writes.ts).
async function answer(
  db: Db,
  registrationId: number,
  status: 200 | 201,
  shows: (a: AttendanceState) => boolean = () => true,
): Promise<AttendanceResult> {
  let [attendance, registration] = await Promise.all([attendanceState(db, registrationId), getRegistration(db, registrationId)]);
  if (db.$client.protocol !== 'file' && (!attendance || !registration || !shows(attendance))) {
    const [state, reg] = await Promise.all([
      fromPrimary<StateRow>(db, () => stateQuery(db, registrationId)),
      fromPrimary<Registration>(db, () => registrationById(db, registrationId)),
    ]);
    [attendance, registration] = [stateOf(state[0]), reg[0] ?? null];
  }
  if (!attendance || !registration) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  return { status, attendance, registration };
}

// Someone on the waitlist who came anyway and is marked present takes a seat (the capacity
// grows if the room was full on paper). `mark.at` is clamped to the server's clock: a phone
// set in the future cannot make its marks win every conflict.
export async function markAttendance(
  db: Db,
  session: SessionView,
  reg: Registration,
  mark: Omit<Mark, 'at'> & { at?: number },
  actor: Actor,
  now = Date.now(),
): Promise<AttendanceResult> {
  if (reg.sessionId !== session.id) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  const closed = closedReason(session, now, mark.dateId);
  if (closed) return { status: 409, error: closed };
  if (reg.status === 'cancelled') return { status: 409, error: 'trainer.errors.registrationCancelled' };
  const at = Math.min(mark.at ?? now, now);
  const admit = reg.status === 'waitlisted' && isPresentStatus(mark.status) && (await registrationForKey(db, mark.key)) === null;
  const statements = [...marksOf(db, eq(registrations.id, reg.id), { ...mark, at }, actor), withdrawMissedYouStatement(db, reg.id)];
  const admission = admit
    ? confirmByHandStatements(db, session.id, reg.id, newOp(), actor, now, { notify: false, action: 'registration.admitted' })
    : [];
  await db.batch(batchOf([...admission, ...statements]));
  return answer(db, reg.id, 200, (a) => mark.dateId === undefined && a.mark === mark.status);
}

// A whole session's mark, or one date's of a course.
function marksOf(db: Db, where: SQL, mark: Mark, actor: Actor, options?: { onlyUnmarked?: boolean }) {
  return mark.dateId === undefined
    ? markStatements(db, where, mark, actor, options)
    : dateMarkStatements(db, where, mark.dateId, mark, actor, options);
}

// The undo the door page shows after a mark, away from the button that made it. A "missed
// you" queued for an absence undone is withdrawn in the same write.
export async function unmarkAttendance(db: Db, session: SessionView, reg: Registration, actor: Actor, now = Date.now(), dateId?: number) {
  if (reg.sessionId !== session.id) return { status: 404 as const, error: 'trainer.errors.registrationNotFound' };
  const closed = closedReason(session, now, dateId);
  if (closed) return { status: 409 as const, error: closed };
  const unmark = dateId === undefined ? unmarkStatements(db, reg.id, actor) : dateUnmarkStatements(db, reg.id, dateId, actor, now);
  await db.batch(batchOf([...unmark, withdrawMissedYouStatement(db, reg.id)]));
  // A date's undo leaves the registration's mark to the other dates: a server reads it from the primary.
  return answer(db, reg.id, 200, (a) => dateId === undefined && a.mark === null);
}

// The end of the call: everyone confirmed and still unmarked is absent (a no-show). Marks made
// meanwhile are kept: the statement only inserts, never overwrites.
export async function markUnmarkedAbsent(db: Db, session: SessionView, actor: Actor, now = Date.now(), dateId?: number): Promise<number> {
  const date = session.dates.find((d) => d.id === dateId);
  if (closedReason(session, now, dateId) || now < (date ?? session).startsAt) return 0;
  const rows = date ? await unmarkedOnDate(db, session.id, date.id) : await unmarkedOfSession(db, session.id);
  if (!rows.length) return 0;
  const ids = inArray(
    registrations.id,
    rows.map((r) => r.id),
  );
  const marks = marksOf(db, ids, { status: 'absent', at: now, dateId }, actor, { onlyUnmarked: true });
  // After the end, the "on vous a manqué" goes in the same write (before, the hourly job sends it).
  const followUp =
    now >= session.endsAt && session.audience === 'parent'
      ? [missedYouStatement(db, session, await nextDates(db, { ...session, organisationId: session.organisation.id }, now))]
      : [];
  const results = await db.batch(batchOf([...marks, ...followUp]));
  return results[1]?.rowsAffected ?? 0;
}

function unmarkedOfSession(db: Db, sessionId: number) {
  return db
    .select({ id: registrations.id })
    .from(registrations)
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'confirmed'), isNull(attendance.registrationId)));
}

function unmarkedOnDate(db: Db, sessionId: number, dateId: number) {
  return db
    .select({ id: registrations.id })
    .from(registrations)
    .leftJoin(dateAttendance, and(eq(dateAttendance.registrationId, registrations.id), eq(dateAttendance.dateId, dateId)))
    .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'confirmed'), isNull(dateAttendance.registrationId)));
}

// The live booking a walk-in already had, found by their contact or their teacher account.
async function existingBooking(db: Db, sessionId: number, person: RegistrationInput): Promise<Registration | null> {
  if (!person.email && !person.phone) return null;
  const teacher = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'teacher'), eq(users.email, sql`${person.email}`)));
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.sessionId, sessionId),
        ne(registrations.status, 'cancelled'),
        or(eq(registrations.email, sql`${person.email}`), eq(registrations.phone, sql`${person.phone}`), eq(registrations.userId, teacher)),
      ),
    )
    .orderBy(registrations.id)
    .limit(1);
  return row ? getRegistration(db, row.id) : null;
}

// Added and marked present in one write. Someone who had booked after all is marked present
// on their booking instead of getting a second one.
export async function addWalkIn(
  db: Db,
  session: SessionView,
  person: RegistrationInput,
  actor: Actor,
  now = Date.now(),
  key?: string,
  dateId?: number,
): Promise<AttendanceResult> {
  const closed = closedReason(session, now, dateId);
  if (closed) return { status: 409, error: closed };
  const already = await registrationForKey(db, key);
  if (already !== null) return answer(db, already, 200);
  for (let attempt = 0; attempt < 4; attempt++) {
    const code = generateBookingCode();
    const op = newOp();
    const marked = eq(registrations.lastOp, op);
    const walkInDetails = sql`json_object('sessionId', ${registrations.sessionId}, 'adults', ${registrations.adults})`;
    const walkInAudit = auditColumns(
      actor,
      'registration.walk-in',
      'registration',
      sql<string>`cast(${registrations.id} as text)`,
      walkInDetails,
    );
    const [inserted] = await db.batch([
      walkInStatement(db, session.id, person, code, op, actor, now),
      ...growCapacityToFit(db, session.id, actor, 'registration.walk-in', now),
      db.insert(auditLog).select(db.select(walkInAudit).from(registrations).where(marked)),
      // On a date of a course, a walk-in is marked for that date only.
      ...(dateId === undefined
        ? [...markStatements(db, marked, { status: 'present', at: now }, actor), ...keyStatements(db, marked, key)]
        : dateMarkStatements(db, marked, dateId, { status: 'present', at: now, key }, actor)),
    ]);
    const walkIn = inserted[0];
    if (walkIn) return answer(db, walkIn.id, 201, (a) => a.mark === 'present');
    const existing = await existingBooking(db, session.id, person);
    if (existing) return markAttendance(db, session, existing, { status: 'present', key, dateId }, actor, now);
    // Otherwise the random code was taken (try another) or the session changed meanwhile.
  }
  return { status: 409, error: 'trainer.errors.conflict' };
}
