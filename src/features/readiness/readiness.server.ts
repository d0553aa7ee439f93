// Loads what readiness needs in four set-based queries (no per-school round trips, so it holds
// at region scale) and applies the rule from ~/features/readiness/readiness.ts.
import type { InValue } from '@libsql/client';
import { utcToParisLocal } from '~/platform/text/dates';
import { parentReach, schoolReadiness, type Rollout, type SchoolReadiness } from './readiness';
import type { Db } from '~/platform/db/db.server';

export interface SchoolReadinessRow extends SchoolReadiness {
  uai: string;
  name: string;
  kind: string;
  arrondissement: number;
  teachers: number;
  pupils: number;
  classes: number;
  parents: number;
  parentReach: number;
}

export interface ReadinessFilters {
  arrondissement?: number;
  uai?: string;
}

async function rows(db: Db, sql: string, args: InValue[]) {
  return (await db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

export async function readinessBySchool(db: Db, filters: ReadinessFilters = {}, now = Date.now()): Promise<SchoolReadinessRow[]> {
  const where: string[] = [];
  const args: InValue[] = [];
  if (filters.arrondissement) (where.push('sc.arrondissement = ?'), args.push(filters.arrondissement));
  if (filters.uai) (where.push('sc.uai = ?'), args.push(filters.uai));
  const scope = where.length ? `where ${where.join(' and ')}` : '';
  const [schools, rollouts, trained, parents] = await Promise.all([
    rows(db, `select uai, name, kind, arrondissement, teachers, pupils, classes from schools sc ${scope} order by arrondissement, name`, args),
    rows(db, `select r.school_uai, r.kind, r.quantity, r.planned_on, r.delivered_on from equipment_rollouts r join schools sc on sc.uai = r.school_uai ${scope}`, args),
    // A teacher is trained for a kind once marked present at a session of a track covering it.
    rows(db, where.length ? trainedInScope(scope) : TRAINED_EVERYWHERE, args),
    // Distinct parents who attended, by their child's school (or the session's school).
    rows(db, where.length ? parentsInScope(scope) : PARENTS_EVERYWHERE, where.length ? [...args, ...args] : args),
  ]);

  const rolloutsBySchool = new Map<string, Rollout[]>();
  for (const r of rollouts) {
    const list = rolloutsBySchool.get(String(r.school_uai)) ?? [];
    list.push({ kind: String(r.kind), quantity: Number(r.quantity), plannedOn: (r.planned_on as string | null) ?? null, deliveredOn: (r.delivered_on as string | null) ?? null });
    rolloutsBySchool.set(String(r.school_uai), list);
  }
  const trainedBySchool = new Map<string, Record<string, number>>();
  for (const t of trained) {
    const m = trainedBySchool.get(String(t.school_uai)) ?? {};
    m[String(t.kind)] = Number(t.trained);
    trainedBySchool.set(String(t.school_uai), m);
  }
  const parentsBySchool = new Map(parents.map((p) => [String(p.school_uai), Number(p.parents)]));
  const today = utcToParisLocal(now).date;

  return schools.map((s) => {
    const uai = String(s.uai);
    const headcount = Number(s.teachers);
    const pupils = Number(s.pupils);
    const parentsCount = parentsBySchool.get(uai) ?? 0;
    return {
      uai,
      name: String(s.name),
      kind: String(s.kind),
      arrondissement: Number(s.arrondissement),
      teachers: headcount,
      pupils,
      classes: Number(s.classes),
      parents: parentsCount,
      parentReach: parentReach(parentsCount, pupils),
      ...schoolReadiness(headcount, rolloutsBySchool.get(uai) ?? [], trainedBySchool.get(uai) ?? {}, today),
    };
  });
}

// Region-wide: start from attendance and let SQLite scan.
const TRAINED_EVERYWHERE = `select u.school_uai, k.value as kind, count(distinct u.id) as trained
  from attendance a
  join registrations r on r.id = a.registration_id
  join users u on u.id = r.user_id
  join sessions s on s.id = r.session_id
  join tracks t on t.id = s.track_id
  join json_each(t.equipment_kinds) k
  where a.present = 1 and u.role = 'teacher' and u.school_uai is not null
  group by u.school_uai, k.value`;

// In scope: from the schools down through indexes, in this order (CROSS JOIN pins it).
const trainedInScope = (scope: string) => `select u.school_uai, k.value as kind, count(distinct u.id) as trained
  from schools sc
  cross join users u on u.school_uai = sc.uai and u.role = 'teacher'
  cross join registrations r on r.user_id = u.id
  cross join attendance a on a.registration_id = r.id and a.present = 1
  cross join sessions s on s.id = r.session_id
  cross join tracks t on t.id = s.track_id
  cross join json_each(t.equipment_kinds) k
  ${scope}
  group by u.school_uai, k.value`;

const PARENTS_EVERYWHERE = `select coalesce(r.child_school_uai, s.school_uai) as school_uai,
    count(distinct coalesce(r.email, r.phone, 'r' || r.id)) as parents
  from attendance a
  join registrations r on r.id = a.registration_id
  join sessions s on s.id = r.session_id
  where a.present = 1 and s.audience = 'parent' and coalesce(r.child_school_uai, s.school_uai) is not null
  group by 1`;

const parentsInScope = (scope: string) => `select school_uai, count(distinct person) as parents from (
    select sc.uai as school_uai, coalesce(r.email, r.phone, 'r' || r.id) as person
    from schools sc
    cross join registrations r on r.child_school_uai = sc.uai
    cross join attendance a on a.registration_id = r.id and a.present = 1
    ${scope}
    union all
    select sc.uai, coalesce(r.email, r.phone, 'r' || r.id)
    from schools sc
    cross join sessions s on s.school_uai = sc.uai and s.audience = 'parent'
    cross join registrations r on r.session_id = s.id and r.child_school_uai is null
    cross join attendance a on a.registration_id = r.id and a.present = 1
    ${scope}
  ) group by school_uai`;

const round = (x: number) => Math.round(x * 1000) / 1000;

// The JSON shape of DESIGN.md ("GET /api/v1/readiness").
export function readinessJson(r: SchoolReadinessRow) {
  return {
    uai: r.uai,
    name: r.name,
    arrondissement: r.arrondissement,
    teachers: r.teachers,
    pupils: r.pupils,
    status: r.status,
    readiness: round(r.readiness),
    parentReach: round(r.parentReach),
    equipment: r.equipment.map((e) => ({
      kind: e.kind,
      quantity: e.quantity,
      plannedOn: e.plannedOn,
      deliveredOn: e.deliveredOn,
      trainedTeachers: e.trainedTeachers,
      readiness: round(e.readiness),
    })),
  };
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

// One row per school and kind (schools without equipment get one row with an empty kind).
export function readinessCsv(list: SchoolReadinessRow[]): string {
  const header = ['uai', 'name', 'arrondissement', 'teachers', 'pupils', 'status', 'school_readiness', 'parent_reach', 'kind', 'quantity', 'planned_on', 'delivered_on', 'trained_teachers', 'kind_readiness'];
  const lines = [header.join(';')];
  for (const r of list) {
    const base = [r.uai, r.name, r.arrondissement, r.teachers, r.pupils, r.status, round(r.readiness), round(r.parentReach)];
    const kinds = r.equipment.length ? r.equipment : [null];
    for (const e of kinds) {
      const cells = e ? [e.kind, e.quantity, e.plannedOn, e.deliveredOn, e.trainedTeachers, round(e.readiness)] : ['', '', '', '', '', ''];
      lines.push([...base, ...cells].map(csvCell).join(';'));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
