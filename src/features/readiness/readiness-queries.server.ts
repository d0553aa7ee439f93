// The two set-based counts behind readiness, each in two plans: region-wide, start from
// attendance and let SQLite scan; in a scope (an arrondissement, a school), go from the
// schools down through indexes, in the order written (CROSS JOIN pins it), so one school
// never scans the region's attendance.
import { and, countDistinct, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { attendance, registrations, schools, sessions, tracks, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

// Marked present. A literal, not a parameter: with `= ?` SQLite plans the region-wide count
// from a scan of attendance, ≈1.7× slower than from the teachers' index.
export const attended = sql`${attendance.present} = 1`;

// Each equipment kind a track covers, as a row (`kinds.value`).
const kinds = sql`json_each(${tracks.equipmentKinds}) as kinds`;
const kind = sql<string>`kinds.value`;

// Someone who came, counted once per email, phone or (with neither) registration.
const person = sql<string>`coalesce(${registrations.email}, ${registrations.phone}, 'r' || ${registrations.id})`;

export function trainedEverywhere(db: Db) {
  return db
    .select({ uai: sql<string>`${users.schoolUai}`, kind, trained: countDistinct(users.id) })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .innerJoin(tracks, eq(tracks.id, sessions.trackId))
    .innerJoin(kinds, undefined)
    .where(and(attended, eq(users.role, 'teacher'), isNotNull(users.schoolUai)))
    .groupBy(users.schoolUai, kind);
}

export function trainedInScope(db: Db, scope: SQL) {
  return db
    .select({ uai: sql<string>`${users.schoolUai}`, kind, trained: countDistinct(users.id) })
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

export function parentsEverywhere(db: Db) {
  const school = sql<string>`coalesce(${registrations.childSchoolUai}, ${sessions.schoolUai})`;
  return db
    .select({ uai: school, parents: countDistinct(person) })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .where(and(attended, eq(sessions.audience, 'parent'), isNotNull(school)))
    .groupBy(school);
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
    .select({ uai: came.uai, parents: countDistinct(came.person) })
    .from(came)
    .groupBy(sql`${came.uai}`);
}
