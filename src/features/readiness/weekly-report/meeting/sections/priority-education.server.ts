// Teachers trained and parents reached per REP+, REP and other schools: anonymous counts over
// attendance rows, which parents' erasure keeps (it drops who they were, not that they came).
import { and, countDistinct, eq, isNotNull, sql } from 'drizzle-orm';
import { attendance, registrations, schools, sessions, users } from '~db/schema';
import { attended } from '~/features/readiness/readiness-queries.server';
import type { ReportContext } from '../context.server';
import { groupOf, type PriorityGroup } from '../history';

export interface PriorityFigures {
  schools: number;
  teachers: number;
  pupils: number;
  teachersTrained: number;
  parentsTrained: number;
  atRisk: number;
  ready: number;
}

export type PriorityEducation = Record<PriorityGroup, PriorityFigures>;

export const GROUPS: PriorityGroup[] = ['REP+', 'REP', 'none'];

export async function priorityEducationSection(ctx: ReportContext): Promise<PriorityEducation> {
  const group = sql<string | null>`${schools.priorityEducation}`;
  const trained = await ctx.db
    .select({ group, n: countDistinct(users.id) })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(schools, eq(schools.uai, users.schoolUai))
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .where(and(attended, eq(sessions.audience, 'teacher'), eq(users.role, 'teacher'), isNotNull(users.schoolUai)))
    .groupBy(schools.priorityEducation);
  const result = Object.fromEntries(
    GROUPS.map((g) => [g, { schools: 0, teachers: 0, pupils: 0, teachersTrained: 0, parentsTrained: 0, atRisk: 0, ready: 0 }]),
  ) as PriorityEducation;
  for (const t of trained) result[(t.group as PriorityGroup | null) ?? 'none'].teachersTrained = t.n;
  // Parents per school are readiness's own count (by their child's school, else the session's).
  for (const s of ctx.schools) {
    const g = result[groupOf(s)];
    g.schools++;
    g.teachers += s.teachers;
    g.pupils += s.pupils;
    g.parentsTrained += s.parents;
    if (s.status === 'at-risk') g.atRisk++;
    if (s.status === 'ready') g.ready++;
  }
  return result;
}
