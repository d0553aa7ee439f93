// Attendance per date of a course. Each tap marks one date; the registration's own mark (what
// readiness and the training record read) follows in the same write: present when the person
// came to at least one date.
import { eq, sql } from 'drizzle-orm';
import { insertColumns } from '~/platform/db/query-parts';
import { attendance, dateAttendance, registrations } from '~db/schema';
import { attendanceOpen } from '~/features/attendance/attendance-rules';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Registration } from '~/features/registration/find-registration.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import type { Db } from '~/platform/db/db.server';

export interface DateMark {
  dateId: number;
  present: boolean;
}

export type DateAttendanceResult =
  { status: 200; registrationId: number; present: boolean; dates: DateMark[] } | { status: 404 | 409; error: string };

export async function dateMarks(db: Db, registrationId: number): Promise<DateMark[]> {
  return db
    .select({ dateId: dateAttendance.dateId, present: dateAttendance.present })
    .from(dateAttendance)
    .where(eq(dateAttendance.registrationId, registrationId))
    .orderBy(dateAttendance.dateId);
}

export async function markDateAttendance(
  db: Db,
  session: SessionView,
  reg: Registration,
  dateId: number,
  present: boolean,
  actor: Actor,
  now = Date.now(),
): Promise<DateAttendanceResult> {
  const date = session.dates.find((d) => d.id === dateId);
  if (reg.sessionId !== session.id) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  if (!date) return { status: 404, error: 'courses.errors.dateNotFound' };
  if (session.status !== 'scheduled' || date.status !== 'scheduled') return { status: 409, error: 'trainer.errors.sessionCancelled' };
  if (!attendanceOpen(date, now)) return { status: 409, error: 'trainer.errors.attendanceNotOpen' };
  if (reg.status !== 'confirmed') return { status: 409, error: 'trainer.errors.registrationCancelled' };
  const markedBy = actor.userId ?? null;
  const cameOnce = sql<boolean>`exists (select 1 from ${dateAttendance} where ${dateAttendance.registrationId} = ${reg.id} and ${dateAttendance.present} = 1)`;
  await db.batch([
    db
      .insert(dateAttendance)
      .values({ registrationId: reg.id, dateId, present, markedAt: now, markedBy })
      .onConflictDoUpdate({
        target: [dateAttendance.registrationId, dateAttendance.dateId],
        set: { present, markedAt: now, markedBy },
      }),
    db
      .insert(attendance)
      .select(
        db
          // Every column of the table (a column added later keeps its default).
          .select(
            insertColumns(attendance, {
              registrationId: registrations.id,
              present: cameOnce,
              status: sql`case when ${cameOnce} then 'present' else 'absent' end`,
              markedAt: now,
              markedBy,
            }),
          )
          .from(registrations)
          .where(eq(registrations.id, reg.id)),
      )
      .onConflictDoUpdate({
        target: attendance.registrationId,
        set: {
          present: sql`excluded.present`,
          status: sql`excluded.status`,
          markedAt: sql`excluded.marked_at`,
          markedBy: sql`excluded.marked_by`,
        },
      }),
    auditStatement(db, actor, 'attendance.date-marked', 'registration', reg.id, { sessionId: session.id, dateId, present }),
  ]);
  const [row] = await db.select({ present: attendance.present }).from(attendance).where(eq(attendance.registrationId, reg.id));
  return { status: 200, registrationId: reg.id, present: Boolean(row?.present), dates: await dateMarks(db, reg.id) };
}
