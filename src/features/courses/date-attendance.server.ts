// Attendance per date of a course. Each tap marks one date (present, late, excused, absent);
// the registration's own mark (what readiness, reach and the training record read) follows in
// the same write: present when the person came to at least one date, absent when every date
// marked was missed, gone when no date is marked any more.
import { and, eq, exists, notExists, sql, type SQL } from 'drizzle-orm';
import { batchOf, insertColumns } from '~/platform/db/query-parts';
import { attendance, auditLog, dateAttendance, registrations, sessions, type AttendanceStatus } from '~db/schema';
import { attendanceOpen, attendanceStatusOf, isPresentStatus } from '~/features/attendance/attendance-rules';
import { keyStatements, keyUnseen, type Mark } from '~/features/attendance/attendance-marks.server';
import { withdrawMissedYouStatement } from '~/features/attendance/no-shows.server';
import { auditColumns, type Actor } from '~/features/audit/audit.server';
import { qualified } from '~/features/registration/seat-sql';
import type { Registration } from '~/features/registration/find-registration.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import type { Db } from '~/platform/db/db.server';

export interface DateMark {
  dateId: number;
  present: boolean;
  status: AttendanceStatus;
}

export type DateAttendanceResult =
  { status: 200; registrationId: number; present: boolean; dates: DateMark[] } | { status: 404 | 409; error: string };

export async function dateMarks(db: Db, registrationId: number): Promise<DateMark[]> {
  const rows = await db
    .select({ dateId: dateAttendance.dateId, present: dateAttendance.present, status: dateAttendance.status })
    .from(dateAttendance)
    .where(eq(dateAttendance.registrationId, registrationId))
    .orderBy(dateAttendance.dateId);
  return rows.map((r) => ({ ...r, status: attendanceStatusOf(r.present, r.status)! }));
}

// Everyone's mark for one date, by registration (the door page of that date).
export async function marksOfDate(db: Db, dateId: number) {
  const rows = await db
    .select({
      id: dateAttendance.registrationId,
      present: dateAttendance.present,
      status: dateAttendance.status,
      at: dateAttendance.markedAt,
    })
    .from(dateAttendance)
    .where(eq(dateAttendance.dateId, dateId));
  return new Map(rows.map((r) => [r.id, { present: r.present, mark: attendanceStatusOf(r.present, r.status), markedAt: r.at }]));
}

const ofRegistration = (status?: AttendanceStatus) =>
  sql`(select 1 from ${dateAttendance} where ${dateAttendance.registrationId} = ${qualified(registrations.id)}${
    status ? sql` and ${dateAttendance.status} = ${status}` : sql``
  })`;
const hasDate = (status?: AttendanceStatus) => sql<boolean>`exists ${ofRegistration(status)}`;

// The registration's own mark, from its dates: the best of them (present, then late, then
// absent, then excused: one no-show among excused dates is still a no-show).
export function followStatements(db: Db, where: SQL, at: number, actor: Actor) {
  const status = sql`case when ${hasDate('present')} then 'present' when ${hasDate('late')} then 'late'
    when ${hasDate('absent')} then 'absent' else 'excused' end`;
  const came = sql<boolean>`(${hasDate('present')} or ${hasDate('late')})`;
  const row = insertColumns(attendance, {
    registrationId: registrations.id,
    present: came,
    status,
    markedAt: at,
    markedBy: actor.userId ?? null,
  });
  const ids = db.select({ id: registrations.id }).from(registrations).where(where);
  return [
    db
      .insert(attendance)
      .select(db.select(row).from(registrations).where(and(where, hasDate())))
      .onConflictDoUpdate({
        target: attendance.registrationId,
        set: {
          present: sql`excluded.present`,
          status: sql`excluded.status`,
          markedAt: sql`excluded.marked_at`,
          markedBy: sql`excluded.marked_by`,
        },
        setWhere: sql`${attendance.present} <> excluded.present or ${attendance.status} <> excluded.status`,
      }),
    db.delete(attendance).where(
      and(
        sql`${attendance.registrationId} in ${ids}`,
        // Qualified: unqualified, `registration_id` would name the subquery's own column.
        notExists(
          db
            .select({ one: sql`1` })
            .from(dateAttendance)
            .where(eq(dateAttendance.registrationId, qualified(attendance.registrationId))),
        ),
      ),
    ),
  ] as const;
}

// `where` picks registrations (confirmed ones of a held session are marked). As for a whole
// session, a key seen once changes nothing, an older mark never overwrites a newer one, and an
// `onlyUnmarked` mark (the end of the call) never replaces one a person made.
export function dateMarkStatements(db: Db, where: SQL, dateId: number, mark: Mark, actor: Actor, { onlyUnmarked = false } = {}) {
  const markedBy = actor.userId ?? null;
  const present = isPresentStatus(mark.status);
  const row = insertColumns(dateAttendance, {
    registrationId: registrations.id,
    dateId,
    present,
    markedAt: mark.at,
    markedBy,
    status: mark.status,
  });
  const unseen = keyUnseen(db, mark.key);
  const details = sql`json_object('sessionId', ${registrations.sessionId}, 'dateId', ${dateAttendance.dateId}, 'present',
    json(case ${dateAttendance.present} when 1 then 'true' else 'false' end), 'status', ${dateAttendance.status})`;
  const audited = auditColumns(actor, 'attendance.date-marked', 'registration', sql<string>`cast(${registrations.id} as text)`, details);
  const thisDate = and(
    eq(dateAttendance.dateId, dateId),
    eq(dateAttendance.markedAt, mark.at),
    sql`${dateAttendance.markedBy} is ${markedBy}`,
  );
  return [
    db
      .insert(dateAttendance)
      .select(
        db
          .select(row)
          .from(registrations)
          .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
          .where(and(where, eq(registrations.status, 'confirmed'), eq(sessions.status, 'scheduled'), unseen)),
      )
      .onConflictDoUpdate({
        target: [dateAttendance.registrationId, dateAttendance.dateId],
        set: {
          present: sql`excluded.present`,
          status: sql`excluded.status`,
          markedAt: sql`excluded.marked_at`,
          markedBy: sql`excluded.marked_by`,
        },
        setWhere: onlyUnmarked
          ? sql`false`
          : sql`(${dateAttendance.present} <> excluded.present or ${dateAttendance.status} <> excluded.status) and excluded.marked_at >= ${dateAttendance.markedAt}`,
      }),
    db.insert(auditLog).select(
      db
        .select(audited)
        .from(dateAttendance)
        .innerJoin(registrations, eq(registrations.id, dateAttendance.registrationId))
        .where(and(where, thisDate, unseen)),
    ),
    ...followStatements(db, where, mark.at, actor),
    ...keyStatements(db, where, mark.key),
  ];
}

// The undo of one date's mark, with an audit entry; the registration's mark follows.
export function dateUnmarkStatements(db: Db, registrationId: number, dateId: number, actor: Actor, at: number) {
  const where = eq(registrations.id, registrationId);
  const details = sql`json_object('sessionId', ${registrations.sessionId}, 'dateId', ${dateId})`;
  const audited = auditColumns(actor, 'attendance.date-unmarked', 'registration', sql<string>`cast(${registrations.id} as text)`, details);
  const marked = exists(
    db
      .select({ one: sql`1` })
      .from(dateAttendance)
      .where(and(eq(dateAttendance.registrationId, qualified(registrations.id)), eq(dateAttendance.dateId, dateId))),
  );
  return [
    db.insert(auditLog).select(db.select(audited).from(registrations).where(and(where, marked))),
    db.delete(dateAttendance).where(and(eq(dateAttendance.registrationId, registrationId), eq(dateAttendance.dateId, dateId))),
    ...followStatements(db, where, at, actor),
  ];
}

// Why a date cannot be marked now (null when it can).
export function dateClosedReason(session: SessionView, dateId: number, now: number): string | null {
  const date = session.dates.find((d) => d.id === dateId);
  if (!date) return 'courses.errors.dateNotFound';
  if (session.status !== 'scheduled' || date.status !== 'scheduled') return 'trainer.errors.sessionCancelled';
  return attendanceOpen(date, now) ? null : 'trainer.errors.attendanceNotOpen';
}

// `PUT /api/v1/registrations/:id/attendance { dateId, status | present, key? }`.
export async function markDateAttendance(
  db: Db,
  session: SessionView,
  reg: Registration,
  dateId: number,
  mark: boolean | AttendanceStatus,
  actor: Actor,
  now = Date.now(),
  key?: string,
): Promise<DateAttendanceResult> {
  if (reg.sessionId !== session.id) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  const closed = dateClosedReason(session, dateId, now);
  if (closed) return { status: closed === 'courses.errors.dateNotFound' ? 404 : 409, error: closed };
  if (reg.status !== 'confirmed') return { status: 409, error: 'trainer.errors.registrationCancelled' };
  const status: AttendanceStatus = typeof mark === 'boolean' ? (mark ? 'present' : 'absent') : mark;
  await db.batch(
    batchOf([
      ...dateMarkStatements(db, eq(registrations.id, reg.id), dateId, { status, key, at: now }, actor),
      withdrawMissedYouStatement(db, reg.id),
    ]),
  );
  const [row] = await db.select({ present: attendance.present }).from(attendance).where(eq(attendance.registrationId, reg.id));
  return { status: 200, registrationId: reg.id, present: Boolean(row?.present), dates: await dateMarks(db, reg.id) };
}
