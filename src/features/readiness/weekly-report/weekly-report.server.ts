// The weekly report for the Drane–city review: last week's sessions and attendance, schools
// newly equipped, how readiness moved since the previous report, and the schools most at risk.
// Readiness comes from readinessBySchool; each report keeps a snapshot for the next to compare.
import { and, between, countDistinct, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { attendance, equipmentRollouts, registrations, schools, sessions, weeklyReports } from '~db/schema';
import { addDays, parisLocalToUtc } from '~/platform/text/dates';
import { mondayOf } from './iso-week';
import type { SchoolStatus } from '~/features/readiness/readiness';
import { equipmentWithoutTraining, STATUSES, untrainedKinds } from '~/features/readiness/readiness-views';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool, type SchoolReadinessRow } from '~/features/readiness/readiness.server';
import { attended } from '~/features/readiness/readiness-queries.server';
import { noShowRates, type NoShowRates } from '~/features/attendance/no-show-rates.server';

export interface ReportSession {
  id: number;
  title: string;
  audience: 'parent' | 'teacher';
  startsAt: number;
  status: string;
  school: string | null;
  confirmed: number;
  marked: number;
  present: number;
}

export interface ReportSchool {
  uai: string;
  name: string;
  arrondissement: number;
  pupils: number;
  readiness: number;
  kinds: string[];
}

export interface WeeklyReport {
  isoWeek: string;
  from: string;
  to: string;
  sessions: ReportSession[];
  attendance: { marked: number; present: number; rate: number | null; teachersTrained: number };
  newlyEquipped: { uai: string; name: string; arrondissement: number; kinds: { kind: string; quantity: number }[] }[];
  totals: Record<SchoolStatus, number> & { schools: number };
  changes: { since: string | null; delta: Record<SchoolStatus, number> | null; becameReady: ReportSchool[]; becameAtRisk: ReportSchool[] };
  atRisk: ReportSchool[];
  // No-shows of the week's sessions (absent among those expected); older reports lack it.
  noShows?: NoShowRates;
  // Status index and readiness (per mille) of every school, for the next report to compare.
  snapshot: Record<string, [number, number]>;
}

// Confirmed registrations (not seats), and attendance marked and present, per session.
const confirmed = sql<number>`(select count(*) from ${registrations} where ${registrations.sessionId} = ${sessions.id} and ${registrations.status} = 'confirmed')`;
const marked = (
  presentOnly: boolean,
) => sql<number>`(select count(*) from ${registrations} join ${attendance} on ${attendance.registrationId} = ${registrations.id}
  where ${registrations.sessionId} = ${sessions.id}${presentOnly ? sql` and ${attended}` : sql``})`;

async function weekSessions(db: Db, from: number, to: number): Promise<ReportSession[]> {
  return db
    .select({
      id: sessions.id,
      title: sessions.title,
      audience: sessions.audience,
      startsAt: sessions.startsAt,
      status: sessions.status,
      school: schools.name,
      confirmed,
      marked: marked(false),
      present: marked(true),
    })
    .from(sessions)
    .leftJoin(schools, eq(schools.uai, sessions.schoolUai))
    .where(and(gte(sessions.startsAt, from), lt(sessions.startsAt, to)))
    .orderBy(sessions.startsAt, sessions.id);
}

async function teachersTrained(db: Db, from: number, to: number): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(registrations.userId) })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .where(
      and(
        attended,
        eq(sessions.audience, 'teacher'),
        isNotNull(registrations.userId),
        gte(sessions.startsAt, from),
        lt(sessions.startsAt, to),
      ),
    );
  return row?.n ?? 0;
}

async function newlyEquipped(db: Db, from: string, to: string): Promise<WeeklyReport['newlyEquipped']> {
  const list = await db
    .select({
      uai: equipmentRollouts.schoolUai,
      name: schools.name,
      arrondissement: schools.arrondissement,
      kind: equipmentRollouts.kind,
      quantity: equipmentRollouts.quantity,
    })
    .from(equipmentRollouts)
    .innerJoin(schools, eq(schools.uai, equipmentRollouts.schoolUai))
    .where(between(equipmentRollouts.deliveredOn, from, to))
    .orderBy(schools.name, equipmentRollouts.kind);
  const bySchool = new Map<string, WeeklyReport['newlyEquipped'][number]>();
  for (const { uai, name, arrondissement, kind, quantity } of list) {
    const school = bySchool.get(uai) ?? { uai, name, arrondissement, kinds: [] };
    school.kinds.push({ kind, quantity });
    bySchool.set(uai, school);
  }
  return [...bySchool.values()];
}

const reportSchool = (r: SchoolReadinessRow): ReportSchool => ({
  uai: r.uai,
  name: r.name,
  arrondissement: r.arrondissement,
  pupils: r.pupils,
  readiness: Math.round(r.readiness * 1000) / 1000,
  kinds: untrainedKinds(r).map((e) => e.kind),
});

export async function previousSnapshot(db: Db, isoWeek: string): Promise<{ week: string; snapshot: WeeklyReport['snapshot'] } | null> {
  const row = await db
    .select({ week: weeklyReports.isoWeek, snapshot: sql<string | null>`json_extract(${weeklyReports.data}, '$.snapshot')` })
    .from(weeklyReports)
    .where(lt(weeklyReports.isoWeek, isoWeek))
    .orderBy(desc(weeklyReports.isoWeek))
    .limit(1)
    .get();
  return row ? { week: row.week, snapshot: JSON.parse(row.snapshot ?? '{}') as WeeklyReport['snapshot'] } : null;
}

function compare(
  schools: SchoolReadinessRow[],
  totals: WeeklyReport['totals'],
  previous: Awaited<ReturnType<typeof previousSnapshot>>,
): WeeklyReport['changes'] {
  if (!previous) return { since: null, delta: null, becameReady: [], becameAtRisk: [] };
  const was = (uai: string) => STATUSES[previous.snapshot[uai]?.[0] ?? -1];
  const before = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SchoolStatus, number>;
  for (const [status] of Object.values(previous.snapshot)) before[STATUSES[status]!]++;
  return {
    since: previous.week,
    delta: Object.fromEntries(STATUSES.map((s) => [s, totals[s] - before[s]])) as Record<SchoolStatus, number>,
    becameReady: schools.filter((s) => s.status === 'ready' && was(s.uai) !== 'ready').map(reportSchool),
    becameAtRisk: equipmentWithoutTraining(schools)
      .filter((s) => was(s.uai) !== 'at-risk')
      .map(reportSchool),
  };
}

// What the report compares: every school's readiness now and the report before this week's.
export interface ReadinessNow {
  schools: SchoolReadinessRow[];
  previous: Awaited<ReturnType<typeof previousSnapshot>>;
}

export async function readinessNow(db: Db, isoWeek: string, now: number): Promise<ReadinessNow> {
  const [schools, previous] = await Promise.all([readinessBySchool(db, {}, now), previousSnapshot(db, isoWeek)]);
  return { schools, previous };
}

// `loaded`: readiness already read for this week and instant (the meeting report's context),
// so a region's every school is not read twice for one page.
export async function buildWeeklyReport(
  db: Db,
  isoWeek: string,
  now = Date.now(),
  { topAtRisk = 10, loaded }: { topAtRisk?: number; loaded?: ReadinessNow } = {},
): Promise<WeeklyReport> {
  const from = mondayOf(isoWeek);
  const to = addDays(from, 6);
  const [fromMs, toMs] = [parisLocalToUtc(from, '00:00')!, parisLocalToUtc(addDays(from, 7), '00:00')!];
  const [sessions, trained, equipped, { schools, previous }] = await Promise.all([
    weekSessions(db, fromMs, toMs),
    teachersTrained(db, fromMs, toMs),
    newlyEquipped(db, from, to),
    loaded ?? readinessNow(db, isoWeek, now),
  ]);
  const held = sessions.filter((s) => s.status === 'scheduled');
  const marked = held.reduce((n, s) => n + s.marked, 0);
  const present = held.reduce((n, s) => n + s.present, 0);
  const totals = {
    schools: schools.length,
    ...Object.fromEntries(STATUSES.map((s) => [s, schools.filter((x) => x.status === s).length])),
  } as WeeklyReport['totals'];
  return {
    isoWeek,
    from,
    to,
    sessions,
    attendance: { marked, present, rate: marked ? present / marked : null, teachersTrained: trained },
    newlyEquipped: equipped,
    totals,
    changes: compare(schools, totals, previous),
    atRisk: equipmentWithoutTraining(schools).slice(0, topAtRisk).map(reportSchool),
    noShows: await noShowRates(db, fromMs, toMs),
    snapshot: Object.fromEntries(schools.map((s) => [s.uai, [STATUSES.indexOf(s.status), Math.round(s.readiness * 1000)]])),
  };
}
