// The statements that write one attendance mark: the upsert, its audit row and the mark's
// idempotency key, all guarded so that a key already seen changes nothing (a mark resent after
// a lost answer, an offline queue sent twice) and an older mark never overwrites a newer one.
import { and, eq, notExists, sql, type SQL } from 'drizzle-orm';
import { attendance, attendanceKeys, auditLog, registrations, sessions, type AttendanceStatus } from '~db/schema';
import { insertColumns } from '~/platform/db/query-parts';
import { auditColumns, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { isPresentStatus } from './attendance-rules';

export interface Mark {
  status: AttendanceStatus;
  // A random key from the door page (one per tap); none from the API or the plain form.
  key?: string;
  // When the tap happened: the server's clock, or the phone's for a mark queued offline.
  at: number;
  // One date of a course (the door page of that date); none for a whole session.
  dateId?: number;
}

export function keyUnseen(db: Db, key: string | undefined): SQL | undefined {
  if (!key) return undefined;
  return notExists(
    db
      .select({ one: sql`1` })
      .from(attendanceKeys)
      .where(eq(attendanceKeys.key, key)),
  );
}

// `where` picks registrations. The upsert only writes when the mark changes and is not older
// than the one kept; the audit row is only written for a row this very statement marked.
export function markStatements(db: Db, where: SQL, mark: Mark, actor: Actor, { onlyUnmarked = false } = {}) {
  const present = isPresentStatus(mark.status);
  const values = { registrationId: registrations.id, present, markedAt: mark.at, markedBy: actor.userId ?? null, status: mark.status };
  const marks = insertColumns(attendance, values);
  const details = sql`json_object('sessionId', ${registrations.sessionId}, 'present', json(case ${attendance.present} when 1 then 'true' else 'false' end), 'status', ${attendance.status})`;
  const audited = auditColumns(actor, 'attendance.marked', 'registration', sql<string>`cast(${registrations.id} as text)`, details);
  const unseen = keyUnseen(db, mark.key);
  const statements = [
    db
      .insert(attendance)
      .select(
        db
          .select(marks)
          .from(registrations)
          .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
          .where(and(where, eq(registrations.status, 'confirmed'), eq(sessions.status, 'scheduled'), unseen)),
      )
      // An `onlyUnmarked` mark (the end of the call) never replaces one a person made.
      .onConflictDoUpdate({
        target: attendance.registrationId,
        set: {
          present: sql`excluded.present`,
          markedAt: sql`excluded.marked_at`,
          markedBy: sql`excluded.marked_by`,
          status: sql`excluded.status`,
        },
        setWhere: onlyUnmarked
          ? sql`false`
          : sql`(${attendance.present} <> excluded.present or ${attendance.status} <> excluded.status) and excluded.marked_at >= ${attendance.markedAt}`,
      }),
    db.insert(auditLog).select(
      db
        .select(audited)
        .from(attendance)
        .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
        .where(and(where, eq(attendance.markedAt, mark.at), sql`${attendance.markedBy} is ${actor.userId ?? null}`, unseen)),
    ),
  ] as const;
  return [...statements, ...keyStatements(db, where, mark.key)];
}

// The key is kept for the registration the mark was for (found by `where`).
export function keyStatements(db: Db, where: SQL, key: string | undefined) {
  if (!key) return [];
  const row = insertColumns(attendanceKeys, { key, registrationId: registrations.id });
  return [db.insert(attendanceKeys).select(db.select(row).from(registrations).where(where).limit(1)).onConflictDoNothing()];
}

// The registration a key was first used for: a walk-in sent twice is added once.
export async function registrationForKey(db: Db, key: string | undefined): Promise<number | null> {
  if (!key) return null;
  const [row] = await db.select({ id: attendanceKeys.registrationId }).from(attendanceKeys).where(eq(attendanceKeys.key, key));
  return row?.id ?? null;
}

// The undo of the door page: the person is unmarked again (no row), with an audit entry.
export function unmarkStatements(db: Db, registrationId: number, actor: Actor) {
  const details = sql`json_object('sessionId', ${registrations.sessionId})`;
  const audited = auditColumns(actor, 'attendance.unmarked', 'registration', sql<string>`cast(${registrations.id} as text)`, details);
  return [
    db
      .insert(auditLog)
      .select(
        db
          .select(audited)
          .from(registrations)
          .innerJoin(attendance, eq(attendance.registrationId, registrations.id))
          .where(eq(registrations.id, registrationId)),
      ),
    db.delete(attendance).where(eq(attendance.registrationId, registrationId)),
  ] as const;
}
