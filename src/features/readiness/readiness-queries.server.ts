// The two set-based counts behind readiness, for the schools of a scope (those named stale,
// readiness-summary.server.ts): from the schools down through indexes, in the order written
// (CROSS JOIN pins it), so recounting one school never scans the region's attendance.
import { and, countDistinct, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { attendance, registrations, schools, sessions, tracks, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

// Marked present. A literal, not a parameter: with `= ?` SQLite may plan the count from a
// scan of attendance.
export const attended = sql`${attendance.present} = 1`;

// Each equipment kind a track covers, as a row (`kinds.value`).
const kinds = sql`json_each(${tracks.equipmentKinds}) as kinds`;
const kind = sql<string>`kinds.value`;

// Someone who came, counted once per email, phone or (with neither) registration.
const person = sql<string>`coalesce(${registrations.email}, ${registrations.phone}, 'r' || ${registrations.id})`;

export function trainedInScope(db: Db, scope: SQL) {
  return db
    .select({
      schoolUai: sql<string>`${users.schoolUai}`.as('school_uai'),
      kind: kind.as('kind'),
      trained: countDistinct(users.id).as('trained'),
    })
    .from(schools)
    .crossJoin(users)
    .crossJoin(registrations)
    .crossJoin(attendance)
    .crossJoin(sessions)
    .crossJoin(tracks)
    .crossJoin(kinds)
    .where(
      and(
        eq(users.schoolUai, schools.uai),
        eq(users.role, 'teacher'),
        eq(registrations.userId, users.id),
        eq(attendance.registrationId, registrations.id),
        attended,
        eq(sessions.id, registrations.sessionId),
        eq(tracks.id, sessions.trackId),
        scope,
      ),
    )
    .groupBy(users.schoolUai, kind);
}

export function parentsInScope(db: Db, scope: SQL) {
  const byChild = db
    .select({ uai: sql<string>`${schools.uai}`.as('uai'), person: person.as('person') })
    .from(schools)
    .crossJoin(registrations)
    .crossJoin(attendance)
    .where(and(eq(registrations.childSchoolUai, schools.uai), eq(attendance.registrationId, registrations.id), attended, scope));
  const bySession = db
    .select({ uai: sql<string>`${schools.uai}`.as('uai'), person: person.as('person') })
    .from(schools)
    .crossJoin(sessions)
    .crossJoin(registrations)
    .crossJoin(attendance)
    .where(
      and(
        eq(sessions.schoolUai, schools.uai),
        eq(sessions.audience, 'parent'),
        eq(registrations.sessionId, sessions.id),
        isNull(registrations.childSchoolUai),
        eq(attendance.registrationId, registrations.id),
        attended,
        scope,
      ),
    );
  const came = byChild.unionAll(bySession).as('came');
  return db
    .select({ schoolUai: came.uai, parents: countDistinct(came.person).as('parents') })
    .from(came)
    .groupBy(sql`${came.uai}`);
}
