// Loads what readiness history needs in three set-based queries (see history.ts).
import { and, eq, isNotNull, min, sql } from 'drizzle-orm';
import { attendance, equipmentRollouts, registrations, schools, sessions, tracks, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { attended } from '~/features/readiness/readiness-queries.server';
import type { HistoryData } from './history';

const kind = sql<string>`kinds.value`;

export async function loadHistory(db: Db): Promise<HistoryData> {
  const [schoolRows, rollouts, firstTrained] = await Promise.all([
    db
      .select({
        uai: schools.uai,
        arrondissement: schools.arrondissement,
        teachers: schools.teachers,
        priorityEducation: schools.priorityEducation,
      })
      .from(schools),
    db
      .select({
        uai: equipmentRollouts.schoolUai,
        kind: equipmentRollouts.kind,
        quantity: equipmentRollouts.quantity,
        plannedOn: equipmentRollouts.plannedOn,
        deliveredOn: equipmentRollouts.deliveredOn,
      })
      .from(equipmentRollouts),
    db
      .select({ uai: sql<string>`${users.schoolUai}`, kind, teacherId: users.id, at: min(sessions.startsAt).mapWith(Number) })
      .from(attendance)
      .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
      .innerJoin(users, eq(users.id, registrations.userId))
      .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
      .innerJoin(tracks, eq(tracks.id, sessions.trackId))
      .innerJoin(sql`json_each(${tracks.equipmentKinds}) as kinds`, undefined)
      .where(and(attended, eq(users.role, 'teacher'), isNotNull(users.schoolUai)))
      .groupBy(users.schoolUai, kind, users.id),
  ]);
  return { schools: schoolRows, rollouts, firstTrained: firstTrained as HistoryData['firstTrained'] };
}
