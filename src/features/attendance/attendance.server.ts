// Attendance at the door: one mark per tap, idempotent (the same tap twice changes nothing and
// writes no second audit entry), and walk-ins confirmed and marked present in one write.
import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { attendance, auditLog, registrations, sessions, users } from '~db/schema';
import { batchOf, insertColumns } from '~/platform/db/query-parts';
import { attendanceOpen } from './attendance-rules';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { auditColumns, newOp, type Actor } from '~/features/audit/audit.server';
import { confirmByHandStatements, growCapacityToFit, walkInStatement } from '~/features/roster/admission.server';
import type { Db } from '~/platform/db/db.server';
import { getRegistration, type Registration } from '~/features/registration/book-seat.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import { generateBookingCode } from '~/platform/text/tokens';

export interface AttendanceState {
  registrationId: number;
  status: Registration['status'];
  present: boolean | null;
  markedAt: number | null;
}

export type AttendanceResult =
  { status: 200 | 201; attendance: AttendanceState; registration: Registration } | { status: 404 | 409; error: string };

// `where` picks registrations. The upsert only writes when the mark changes, and the audit
// row is only written for a row this very statement marked (same time, same person).
function markStatements(db: Db, where: SQL, present: boolean, actor: Actor, now: number) {
  const marks = insertColumns(attendance, { registrationId: registrations.id, present, markedAt: now, markedBy: actor.userId ?? null });
  const details = sql`json_object('sessionId', ${registrations.sessionId}, 'present', json(case ${attendance.present} when 1 then 'true' else 'false' end))`;
  const audited = auditColumns(actor, 'attendance.marked', 'registration', sql<string>`cast(${registrations.id} as text)`, details);
  return [
    db
      .insert(attendance)
      .select(
        db
          .select(marks)
          .from(registrations)
          .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
          .where(and(where, eq(registrations.status, 'confirmed'), eq(sessions.status, 'scheduled'))),
      )
      .onConflictDoUpdate({
        target: attendance.registrationId,
        set: { present: sql`excluded.present`, markedAt: sql`excluded.marked_at`, markedBy: sql`excluded.marked_by` },
        setWhere: sql`${attendance.present} <> excluded.present`,
      }),
    db.insert(auditLog).select(
      db
        .select(audited)
        .from(attendance)
        .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
        .where(and(where, eq(attendance.markedAt, now), sql`${attendance.markedBy} is ${actor.userId ?? null}`)),
    ),
  ] as const;
}

export async function attendanceState(db: Db, registrationId: number): Promise<AttendanceState | null> {
  const [row] = await db
    .select({ registrationId: registrations.id, status: registrations.status, present: attendance.present, markedAt: attendance.markedAt })
    .from(registrations)
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(eq(registrations.id, registrationId));
  return row ?? null;
}

function closedReason(session: SessionView, now: number): string | null {
  if (session.status !== 'scheduled') return 'trainer.errors.sessionCancelled';
  return attendanceOpen(session, now) ? null : 'trainer.errors.attendanceNotOpen';
}

async function answer(db: Db, registrationId: number, status: 200 | 201): Promise<AttendanceResult> {
  const [attendance, registration] = await Promise.all([attendanceState(db, registrationId), getRegistration(db, registrationId)]);
  if (!attendance || !registration) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  return { status, attendance, registration };
}

// Someone on the waitlist who came anyway and is marked present takes a seat (the capacity
// grows if the room was full on paper).
export async function markAttendance(
  db: Db,
  session: SessionView,
  reg: Registration,
  present: boolean,
  actor: Actor,
  now = Date.now(),
): Promise<AttendanceResult> {
  if (reg.sessionId !== session.id) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  const closed = closedReason(session, now);
  if (closed) return { status: 409, error: closed };
  if (reg.status === 'cancelled') return { status: 409, error: 'trainer.errors.registrationCancelled' };
  const admit = reg.status === 'waitlisted' && present;
  const [mark, audited] = markStatements(db, eq(registrations.id, reg.id), present, actor, now);
  const admission = admit
    ? confirmByHandStatements(db, session.id, reg.id, newOp(), actor, now, { notify: false, action: 'registration.admitted' })
    : [];
  await db.batch(batchOf([...admission, mark, audited]));
  return answer(db, reg.id, 200);
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
): Promise<AttendanceResult> {
  const closed = closedReason(session, now);
  if (closed) return { status: 409, error: closed };
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
      ...markStatements(db, marked, true, actor, now),
    ]);
    const walkIn = inserted[0];
    if (walkIn) return answer(db, walkIn.id, 201);
    const existing = await existingBooking(db, session.id, person);
    if (existing) return markAttendance(db, session, existing, true, actor, now);
    // Otherwise the random code was taken (try another) or the session changed meanwhile.
  }
  return { status: 409, error: 'trainer.errors.conflict' };
}
