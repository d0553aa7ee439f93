// A school's teachers with accounts, each with the kinds they are trained for (present at a
// session of a track covering it) and the kinds of trainings they are booked on, to come.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { attendance, registrations, sessions, tracks, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { attended } from '~/features/readiness/readiness-queries.server';
import type { TeacherKinds } from './school-teachers';

const kinds = sql`json_each(${tracks.equipmentKinds}) as kinds`;
const kind = sql<string>`kinds.value`;

export async function schoolTeachers(db: Db, uai: string, now = Date.now()): Promise<TeacherKinds[]> {
  const atSchool = and(eq(users.schoolUai, uai), eq(users.role, 'teacher'), eq(users.active, true));
  const [people, trained, booked] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(atSchool).orderBy(users.name),
    db
      .selectDistinct({ userId: users.id, kind })
      .from(users)
      .innerJoin(registrations, eq(registrations.userId, users.id))
      .innerJoin(attendance, eq(attendance.registrationId, registrations.id))
      .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
      .innerJoin(tracks, eq(tracks.id, sessions.trackId))
      .innerJoin(kinds, sql`true`)
      .where(and(atSchool, attended)),
    db
      .selectDistinct({ userId: users.id, kind })
      .from(users)
      .innerJoin(registrations, eq(registrations.userId, users.id))
      .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
      .innerJoin(tracks, eq(tracks.id, sessions.trackId))
      .innerJoin(kinds, sql`true`)
      .where(
        and(
          atSchool,
          inArray(registrations.status, ['confirmed', 'waitlisted']),
          eq(sessions.status, 'scheduled'),
          gt(sessions.endsAt, now),
        ),
      ),
  ]);
  const setsOf = (rows: { userId: number; kind: string }[]) => {
    const map = new Map<number, Set<string>>();
    for (const r of rows) map.set(r.userId, (map.get(r.userId) ?? new Set()).add(r.kind));
    return map;
  };
  const trainedBy = setsOf(trained);
  const bookedBy = setsOf(booked);
  return people.map((p) => ({ ...p, trained: trainedBy.get(p.id) ?? new Set(), booked: bookedBy.get(p.id) ?? new Set() }));
}

// Who already holds a live booking on this session.
export async function bookedOnSession(db: Db, sessionId: number): Promise<Set<number>> {
  const rows = await db
    .select({ userId: registrations.userId })
    .from(registrations)
    .where(and(eq(registrations.sessionId, sessionId), inArray(registrations.status, ['confirmed', 'waitlisted'])));
  return new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null));
}
