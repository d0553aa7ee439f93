// Attendance at the door: one mark per tap, idempotent (the same tap twice changes nothing and
// writes no second audit entry), and walk-ins confirmed and marked present in one write.
import type { InStatement } from '@libsql/client';
import { attendanceOpen } from './attendance-rules';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { newOp, type Actor } from '~/features/audit/audit.server';
import { confirmByHandStatements, growCapacityToFit, walkInStatement } from '~/features/roster/admission.server';
import type { Db } from '~/platform/db/db.server';
import { findByCode, getRegistration, type Registration } from '~/features/registration/book-seat.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import { generateBookingCode } from '~/platform/text/tokens';

export interface AttendanceState {
  registrationId: number;
  status: Registration['status'];
  present: boolean | null;
  markedAt: number | null;
}

export type AttendanceResult =
  | { status: 200 | 201; attendance: AttendanceState; registration: Registration }
  | { status: 404 | 409; error: string };

// `where` selects registrations as `r`. The upsert only writes when the mark changes, and the
// audit row is only written for a row this very statement marked (same time, same person).
function markStatements(where: string, args: (string | number)[], present: boolean, actor: Actor, now: number): InStatement[] {
  return [
    {
      sql: `insert into attendance (registration_id, present, marked_at, marked_by)
            select r.id, ?, ?, ? from registrations r join sessions s on s.id = r.session_id
            where ${where} and r.status = 'confirmed' and s.status = 'scheduled'
            on conflict (registration_id) do update set present = excluded.present, marked_at = excluded.marked_at, marked_by = excluded.marked_by
            where attendance.present <> excluded.present`,
      args: [present ? 1 : 0, now, actor.userId ?? null, ...args],
    },
    {
      sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
            select ?, ?, 'attendance.marked', 'registration', cast(r.id as text),
              json_object('sessionId', r.session_id, 'present', json(case a.present when 1 then 'true' else 'false' end))
            from attendance a join registrations r on r.id = a.registration_id
            where ${where} and a.marked_at = ? and a.marked_by is ?`,
      args: [actor.userId ?? null, actor.kind, ...args, now, actor.userId ?? null],
    },
  ];
}

export async function attendanceState(db: Db, registrationId: number): Promise<AttendanceState | null> {
  const rs = await db.$client.execute({
    sql: `select r.id, r.status, a.present, a.marked_at from registrations r left join attendance a on a.registration_id = r.id where r.id = ?`,
    args: [registrationId],
  });
  const row = rs.rows[0];
  if (!row) return null;
  return {
    registrationId: Number(row.id),
    status: row.status as Registration['status'],
    present: row.present == null ? null : Boolean(Number(row.present)),
    markedAt: row.marked_at == null ? null : Number(row.marked_at),
  };
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
export async function markAttendance(db: Db, session: SessionView, reg: Registration, present: boolean, actor: Actor, now = Date.now()): Promise<AttendanceResult> {
  if (reg.sessionId !== session.id) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  const closed = closedReason(session, now);
  if (closed) return { status: 409, error: closed };
  if (reg.status === 'cancelled') return { status: 409, error: 'trainer.errors.registrationCancelled' };
  const admit = reg.status === 'waitlisted' && present;
  const statements = [
    ...(admit ? confirmByHandStatements(db, session.id, reg.id, newOp(), actor, now, { notify: false, action: 'registration.admitted' }) : []),
    ...markStatements('r.id = ?', [reg.id], present, actor, now),
  ];
  await db.$client.batch(statements, 'write');
  return answer(db, reg.id, 200);
}

// The live booking a walk-in already had, found by their contact or their teacher account.
async function existingBooking(db: Db, sessionId: number, person: RegistrationInput): Promise<Registration | null> {
  if (!person.email && !person.phone) return null;
  const rs = await db.$client.execute({
    sql: `select id from registrations where session_id = ? and status <> 'cancelled'
            and (email = ? or phone = ? or user_id = (select id from users where role = 'teacher' and email = ?)) order by id limit 1`,
    args: [sessionId, person.email, person.phone, person.email],
  });
  return rs.rows[0] ? getRegistration(db, Number(rs.rows[0].id)) : null;
}

// Added and marked present in one write. Someone who had booked after all is marked present
// on their booking instead of getting a second one.
export async function addWalkIn(db: Db, session: SessionView, person: RegistrationInput, actor: Actor, now = Date.now()): Promise<AttendanceResult> {
  const closed = closedReason(session, now);
  if (closed) return { status: 409, error: closed };
  for (let attempt = 0; attempt < 4; attempt++) {
    const code = generateBookingCode();
    const op = newOp();
    const [inserted] = await db.$client.batch(
      [
        walkInStatement(session.id, person, code, op, actor, now),
        ...growCapacityToFit(session.id, actor, 'registration.walk-in', now),
        { sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
                select ?, ?, 'registration.walk-in', 'registration', cast(id as text), json_object('sessionId', session_id, 'adults', adults)
                from registrations where last_op = ?`, args: [actor.userId ?? null, actor.kind, op] },
        ...markStatements('r.last_op = ?', [op], true, actor, now),
      ],
      'write',
    );
    if (inserted?.rowsAffected === 1) {
      const registration = await findByCode(db, code);
      if (registration) return answer(db, registration.id, 201);
    }
    const existing = await existingBooking(db, session.id, person);
    if (existing) return markAttendance(db, session, existing, true, actor, now);
    // Otherwise the random code was taken (try another) or the session changed meanwhile.
  }
  return { status: 409, error: 'trainer.errors.conflict' };
}
