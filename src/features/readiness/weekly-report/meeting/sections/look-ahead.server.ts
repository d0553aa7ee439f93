// Deliveries due from the report's week to four weeks after it, each set against the teacher
// trainings planned for that school and kind: a session at the school, or one its teachers
// booked, of a track that covers the kind, before the delivery is a month old.
import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { equipmentRollouts, registrations, schools, sessions, tracks, users } from '~db/schema';
import { addDays, toParisIso } from '~/platform/text/dates';
import { startOfDay, type ReportContext } from '../context.server';

export const LOOK_AHEAD_WEEKS = 4;

export interface PlannedTraining {
  sessionId: number;
  title: string;
  startsAt: string;
  venue: string;
  atSchool: boolean;
  // Teachers of this school booked on it.
  booked: number;
}

export interface UpcomingDelivery {
  uai: string;
  school: string;
  arrondissement: number;
  priorityEducation: 'REP' | 'REP+' | null;
  kind: string;
  quantity: number;
  dueOn: string;
  teachers: number;
  trainedTeachers: number;
  plannedTrainings: PlannedTraining[];
}

export interface LookAhead {
  from: string;
  to: string;
  deliveries: UpcomingDelivery[];
  nonePlanned: number;
}

async function dueDeliveries(ctx: ReportContext, from: string, to: string) {
  return ctx.db
    .select({
      uai: equipmentRollouts.schoolUai,
      school: schools.name,
      arrondissement: schools.arrondissement,
      priorityEducation: schools.priorityEducation,
      kind: equipmentRollouts.kind,
      quantity: equipmentRollouts.quantity,
      dueOn: sql<string>`${equipmentRollouts.plannedOn}`,
      teachers: schools.teachers,
    })
    .from(equipmentRollouts)
    .innerJoin(schools, eq(schools.uai, equipmentRollouts.schoolUai))
    .where(
      and(
        sql`${equipmentRollouts.plannedOn} between ${from} and ${to}`,
        sql`${equipmentRollouts.quantity} > 0`,
        or(isNull(equipmentRollouts.deliveredOn), sql`${equipmentRollouts.deliveredOn} >= ${from}`),
      ),
    )
    .orderBy(equipmentRollouts.plannedOn, schools.name, equipmentRollouts.kind);
}

// Teacher sessions still to come in the window (plus a month), with the kinds they train for
// and which schools' teachers booked them.
async function trainingsAhead(ctx: ReportContext, untilMs: number) {
  const list = await ctx.db
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      venue: sessions.venueName,
      schoolUai: sessions.schoolUai,
      kinds: tracks.equipmentKinds,
    })
    .from(sessions)
    .innerJoin(tracks, eq(tracks.id, sessions.trackId))
    .where(
      and(
        eq(sessions.audience, 'teacher'),
        eq(sessions.status, 'scheduled'),
        gte(sessions.startsAt, Math.min(ctx.fromMs, ctx.now)),
        lt(sessions.startsAt, untilMs),
      ),
    )
    .orderBy(sessions.startsAt);
  const booked = list.length
    ? await ctx.db
        .select({ sessionId: registrations.sessionId, uai: sql<string>`${users.schoolUai}`, n: sql<number>`count(*)` })
        .from(registrations)
        .innerJoin(users, eq(users.id, registrations.userId))
        .where(
          and(
            inArray(
              registrations.sessionId,
              list.map((s) => s.id),
            ),
            eq(registrations.status, 'confirmed'),
          ),
        )
        .groupBy(registrations.sessionId, users.schoolUai)
    : [];
  return { list, booked: new Map(booked.map((b) => [`${b.sessionId}|${b.uai}`, b.n])) };
}

export async function lookAheadSection(ctx: ReportContext): Promise<LookAhead> {
  const to = addDays(ctx.to, 7 * LOOK_AHEAD_WEEKS);
  const [due, trainings] = await Promise.all([dueDeliveries(ctx, ctx.from, to), trainingsAhead(ctx, startOfDay(addDays(to, 31)))]);
  const trainedBy = new Map(ctx.schools.map((s) => [s.uai, new Map(s.equipment.map((e) => [e.kind, e.trainedTeachers]))]));
  const deliveries = due.map((d): UpcomingDelivery => {
    const until = startOfDay(addDays(d.dueOn, 31));
    const plannedTrainings = trainings.list
      .filter((s) => s.kinds.includes(d.kind as never) && s.startsAt < until)
      .map((s) => ({ s, booked: trainings.booked.get(`${s.id}|${d.uai}`) ?? 0 }))
      .filter(({ s, booked }) => s.schoolUai === d.uai || booked > 0)
      .map(({ s, booked }) => ({
        sessionId: s.id,
        title: s.title,
        startsAt: toParisIso(s.startsAt),
        venue: s.venue,
        atSchool: s.schoolUai === d.uai,
        booked,
      }));
    return { ...d, trainedTeachers: trainedBy.get(d.uai)?.get(d.kind) ?? 0, plannedTrainings };
  });
  return { from: ctx.from, to, deliveries, nonePlanned: deliveries.filter((d) => d.plannedTrainings.length === 0).length };
}
