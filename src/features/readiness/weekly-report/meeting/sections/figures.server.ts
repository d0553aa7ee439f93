// The week's figures beside the school year's, each labelled: sessions held, teachers trained,
// parents who came. Counted from rows that survive parents' erasure (attendance stays, names go).
import { and, count, countDistinct, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { attendance, registrations, sessions } from '~db/schema';
import { attended } from '~/features/readiness/readiness-queries.server';
import type { ReportContext } from '../context.server';

export interface Figure {
  thisWeek: number;
  schoolYear: number;
}

export interface Figures {
  schoolYearFrom: string;
  sessionsHeld: Figure;
  teachersTrained: Figure;
  parentsTrained: Figure;
}

// Someone who came: their email or phone while kept, the registration once erased.
const person = sql<string>`coalesce(${registrations.email}, ${registrations.phone}, 'r' || ${registrations.id})`;

async function between(ctx: ReportContext, fromMs: number, toMs: number) {
  const inSpan = and(gte(sessions.startsAt, fromMs), lt(sessions.startsAt, toMs));
  const [[held], [teachers], [parents]] = await ctx.db.batch([
    ctx.db
      .select({ n: count() })
      .from(sessions)
      .where(and(inSpan, eq(sessions.status, 'scheduled'), lt(sessions.startsAt, ctx.now))),
    ctx.db
      .select({ n: countDistinct(registrations.userId) })
      .from(attendance)
      .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
      .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
      .where(and(inSpan, attended, eq(sessions.audience, 'teacher'), isNotNull(registrations.userId))),
    ctx.db
      .select({ n: countDistinct(person) })
      .from(attendance)
      .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
      .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
      .where(and(inSpan, attended, eq(sessions.audience, 'parent'))),
  ]);
  return { held: held?.n ?? 0, teachers: teachers?.n ?? 0, parents: parents?.n ?? 0 };
}

export async function figuresSection(ctx: ReportContext): Promise<Figures> {
  const [week, year] = await Promise.all([between(ctx, ctx.fromMs, ctx.toMs), between(ctx, ctx.yearStartMs, ctx.toMs)]);
  return {
    schoolYearFrom: ctx.yearStart,
    sessionsHeld: { thisWeek: week.held, schoolYear: year.held },
    teachersTrained: { thisWeek: week.teachers, schoolYear: year.teachers },
    parentsTrained: { thisWeek: week.parents, schoolYear: year.parents },
  };
}
