// The weekly report for the Drane–city review: last week's sessions and attendance, schools
// newly equipped, how readiness moved since the previous report, and the schools most at risk.
// Readiness comes from readinessBySchool; each report keeps a snapshot for the next to compare.
import type { InValue } from '@libsql/client';
import { addDays, parisLocalToUtc } from '~/platform/text/dates';
import { mondayOf } from './iso-week';
import type { SchoolStatus } from '~/features/readiness/readiness';
import { equipmentWithoutTraining, STATUSES, untrainedKinds } from '~/features/readiness/readiness-views';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool, type SchoolReadinessRow } from '~/features/readiness/readiness.server';

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
  // Status index and readiness (per mille) of every school, for the next report to compare.
  snapshot: Record<string, [number, number]>;
}

async function rows(db: Db, sql: string, args: InValue[]) {
  return (await db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

async function weekSessions(db: Db, from: number, to: number): Promise<ReportSession[]> {
  const list = await rows(db, `select s.id, s.title, s.audience, s.starts_at, s.status, sc.name as school,
      (select count(*) from registrations r where r.session_id = s.id and r.status = 'confirmed') as confirmed,
      (select count(*) from registrations r join attendance a on a.registration_id = r.id where r.session_id = s.id) as marked,
      (select count(*) from registrations r join attendance a on a.registration_id = r.id where r.session_id = s.id and a.present = 1) as present
    from sessions s left join schools sc on sc.uai = s.school_uai
    where s.starts_at >= ? and s.starts_at < ? order by s.starts_at, s.id`, [from, to]);
  return list.map((r) => ({
    id: Number(r.id), title: String(r.title), audience: r.audience as ReportSession['audience'], startsAt: Number(r.starts_at),
    status: String(r.status), school: (r.school as string | null) ?? null, confirmed: Number(r.confirmed), marked: Number(r.marked), present: Number(r.present),
  }));
}

async function teachersTrained(db: Db, from: number, to: number): Promise<number> {
  const [r] = await rows(db, `select count(distinct r.user_id) as n from attendance a
    join registrations r on r.id = a.registration_id join sessions s on s.id = r.session_id
    where a.present = 1 and s.audience = 'teacher' and r.user_id is not null and s.starts_at >= ? and s.starts_at < ?`, [from, to]);
  return Number(r?.n ?? 0);
}

async function newlyEquipped(db: Db, from: string, to: string): Promise<WeeklyReport['newlyEquipped']> {
  const list = await rows(db, `select r.school_uai, sc.name, sc.arrondissement, r.kind, r.quantity from equipment_rollouts r
    join schools sc on sc.uai = r.school_uai where r.delivered_on >= ? and r.delivered_on <= ? order by sc.name, r.kind`, [from, to]);
  const bySchool = new Map<string, WeeklyReport['newlyEquipped'][number]>();
  for (const r of list) {
    const uai = String(r.school_uai);
    const school = bySchool.get(uai) ?? { uai, name: String(r.name), arrondissement: Number(r.arrondissement), kinds: [] };
    school.kinds.push({ kind: String(r.kind), quantity: Number(r.quantity) });
    bySchool.set(uai, school);
  }
  return [...bySchool.values()];
}

const reportSchool = (r: SchoolReadinessRow): ReportSchool => ({
  uai: r.uai, name: r.name, arrondissement: r.arrondissement, pupils: r.pupils, readiness: Math.round(r.readiness * 1000) / 1000, kinds: untrainedKinds(r).map((e) => e.kind),
});

async function previousSnapshot(db: Db, isoWeek: string): Promise<{ week: string; snapshot: WeeklyReport['snapshot'] } | null> {
  const [r] = await rows(db, `select iso_week, json_extract(data, '$.snapshot') as snapshot from weekly_reports where iso_week < ? order by iso_week desc limit 1`, [isoWeek]);
  return r ? { week: String(r.iso_week), snapshot: JSON.parse(String(r.snapshot ?? '{}')) as WeeklyReport['snapshot'] } : null;
}

function compare(schools: SchoolReadinessRow[], totals: WeeklyReport['totals'], previous: Awaited<ReturnType<typeof previousSnapshot>>): WeeklyReport['changes'] {
  if (!previous) return { since: null, delta: null, becameReady: [], becameAtRisk: [] };
  const was = (uai: string) => STATUSES[previous.snapshot[uai]?.[0] ?? -1];
  const before = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SchoolStatus, number>;
  for (const [status] of Object.values(previous.snapshot)) before[STATUSES[status]!]++;
  return {
    since: previous.week,
    delta: Object.fromEntries(STATUSES.map((s) => [s, totals[s] - before[s]])) as Record<SchoolStatus, number>,
    becameReady: schools.filter((s) => s.status === 'ready' && was(s.uai) !== 'ready').map(reportSchool),
    becameAtRisk: equipmentWithoutTraining(schools).filter((s) => was(s.uai) !== 'at-risk').map(reportSchool),
  };
}

export async function buildWeeklyReport(db: Db, isoWeek: string, now = Date.now(), topAtRisk = 10): Promise<WeeklyReport> {
  const from = mondayOf(isoWeek);
  const to = addDays(from, 6);
  const [fromMs, toMs] = [parisLocalToUtc(from, '00:00')!, parisLocalToUtc(addDays(from, 7), '00:00')!];
  const [sessions, trained, equipped, schools, previous] = await Promise.all([
    weekSessions(db, fromMs, toMs), teachersTrained(db, fromMs, toMs), newlyEquipped(db, from, to), readinessBySchool(db, {}, now), previousSnapshot(db, isoWeek),
  ]);
  const held = sessions.filter((s) => s.status === 'scheduled');
  const marked = held.reduce((n, s) => n + s.marked, 0);
  const present = held.reduce((n, s) => n + s.present, 0);
  const totals = { schools: schools.length, ...Object.fromEntries(STATUSES.map((s) => [s, schools.filter((x) => x.status === s).length])) } as WeeklyReport['totals'];
  return {
    isoWeek, from, to, sessions,
    attendance: { marked, present, rate: marked ? present / marked : null, teachersTrained: trained },
    newlyEquipped: equipped,
    totals,
    changes: compare(schools, totals, previous),
    atRisk: equipmentWithoutTraining(schools).slice(0, topAtRisk).map(reportSchool),
    snapshot: Object.fromEntries(schools.map((s) => [s.uai, [STATUSES.indexOf(s.status), Math.round(s.readiness * 1000)]])),
  };
}
