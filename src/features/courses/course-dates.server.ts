// The dates of courses in the database: written with the course, read for its pages, its
// JSON and its messages (a fragment every statement that snapshots a session shares).
import { and, eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { sessionDates, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { qualified } from '~/features/registration/seat-sql';
import { inOrder, type CourseDate, type NewDate } from './course-dates';

// A course's dates, written right after its session in the same batch. The batch holds the
// write lock, so the newest session is the one just inserted (last_insert_rowid() would move
// with every date inserted, and the audit insert in between has moved it already).
export function courseDatesStatement(db: Db, dates: NewDate[]) {
  const rows = JSON.stringify(dates.map((d) => [d.startsAt, d.endsAt]));
  return db.run(sql`insert into ${sessionDates} (${sql.identifier(sessionDates.sessionId.name)}, ${sql.identifier(sessionDates.startsAt.name)}, ${sql.identifier(sessionDates.endsAt.name)})
    select (select max(${sql.identifier(sessions.id.name)}) from ${sessions}), json_extract(value, '$[0]'), json_extract(value, '$[1]')
    from json_each(${rows})`);
}

// A session's dates as a JSON array (empty for a single-date session): inside the catalog's
// row objects and the messages' snapshots. The order is restored by inOrder().
export function datesJson(sessionId: SQLWrapper): SQL<CourseDate[]> {
  const d = (column: keyof typeof sessionDates._.columns) => sql`${sql.identifier('d')}.${sql.identifier(sessionDates[column].name)}`;
  return sql<
    CourseDate[]
  >`(select json_group_array(json_object('id', ${d('id')}, 'startsAt', ${d('startsAt')}, 'endsAt', ${d('endsAt')}, 'status', ${d('status')}))
    from ${sessionDates} as ${sql.identifier('d')} where ${d('sessionId')} = ${qualified(sessionId)})`;
}

export async function loadDates(db: Db, sessionId: number): Promise<CourseDate[]> {
  const rows = await db
    .select({ id: sessionDates.id, startsAt: sessionDates.startsAt, endsAt: sessionDates.endsAt, status: sessionDates.status })
    .from(sessionDates)
    .where(eq(sessionDates.sessionId, sessionId))
    .orderBy(sessionDates.startsAt, sessionDates.id);
  return inOrder(rows);
}

// A course moved as a whole: every date by the same amount, in the change's batch (`guard`).
export function shiftCourseDates(db: Db, sessionId: number, shift: number, now: number, guard: SQL) {
  return db
    .update(sessionDates)
    .set({ startsAt: sql`${sessionDates.startsAt} + ${shift}`, endsAt: sql`${sessionDates.endsAt} + ${shift}`, updatedAt: now })
    .where(and(eq(sessionDates.sessionId, sessionId), guard));
}

// The session's span from its dates still held, as statements of a change set it.
export function heldSpan(sessionId: number) {
  const held = and(eq(sessionDates.sessionId, sessionId), ne(sessionDates.status, 'cancelled'));
  return {
    startsAt: sql<number>`(select min(${sessionDates.startsAt}) from ${sessionDates} where ${held})`,
    endsAt: sql<number>`(select max(${sessionDates.endsAt}) from ${sessionDates} where ${held})`,
  };
}
