// Loads what readiness needs in four set-based queries over the schools of a scope and their
// counts kept per school (readiness-summary.server.ts), so it holds at region scale, and applies
// the rule from ~/features/readiness/readiness.ts.
import { and, eq, sql } from 'drizzle-orm';
import { equipmentRollouts, readinessParents, readinessTrained, schools } from '~db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import { parentReach, schoolReadiness, type Rollout, type SchoolReadiness } from './readiness';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { refreshReadinessSummary } from './readiness-summary.server';

export interface SchoolReadinessRow extends SchoolReadiness {
  uai: string;
  name: string;
  kind: string;
  arrondissement: number;
  teachers: number;
  pupils: number;
  classes: number;
  priorityEducation: 'REP' | 'REP+' | null;
  parents: number;
  parentReach: number;
}

export interface ReadinessFilters {
  arrondissement?: number;
  uai?: string;
}

// The four queries of one scope's shape (everything, an arrondissement, a school), built once.
function readinessQueries(db: Db, filters: ReadinessFilters) {
  const shape = `${filters.arrondissement ? 'arrondissement' : ''}:${filters.uai ? 'uai' : ''}`;
  return preparedOnce(db, `readiness:${shape}`, () => {
    const scope = and(
      filters.arrondissement ? eq(schools.arrondissement, sql.placeholder('arrondissement')) : undefined,
      filters.uai ? eq(schools.uai, sql.placeholder('uai')) : undefined,
    );
    return {
      schools: db
        .select({
          uai: schools.uai,
          name: schools.name,
          kind: schools.kind,
          arrondissement: schools.arrondissement,
          teachers: schools.teachers,
          pupils: schools.pupils,
          classes: schools.classes,
          priorityEducation: schools.priorityEducation,
        })
        .from(schools)
        .where(scope)
        .orderBy(schools.arrondissement, schools.name)
        .prepare(),
      rollouts: db
        .select({
          uai: equipmentRollouts.schoolUai,
          kind: equipmentRollouts.kind,
          quantity: equipmentRollouts.quantity,
          plannedOn: equipmentRollouts.plannedOn,
          deliveredOn: equipmentRollouts.deliveredOn,
        })
        .from(equipmentRollouts)
        .innerJoin(schools, eq(schools.uai, equipmentRollouts.schoolUai))
        .where(scope)
        .prepare(),
      // A teacher is trained for a kind once marked present at a session of a track covering it.
      trained: db
        .select({ uai: readinessTrained.schoolUai, kind: readinessTrained.kind, trained: readinessTrained.trained })
        .from(readinessTrained)
        .innerJoin(schools, eq(schools.uai, readinessTrained.schoolUai))
        .where(scope)
        .prepare(),
      // Distinct parents who attended, by their child's school (or the session's school).
      parents: db
        .select({ uai: readinessParents.schoolUai, parents: readinessParents.parents })
        .from(readinessParents)
        .innerJoin(schools, eq(schools.uai, readinessParents.schoolUai))
        .where(scope)
        .prepare(),
    };
  });
}

export async function readinessBySchool(db: Db, filters: ReadinessFilters = {}, now = Date.now()): Promise<SchoolReadinessRow[]> {
  await refreshReadinessSummary(db);
  const queries = readinessQueries(db, filters);
  const values = { arrondissement: filters.arrondissement, uai: filters.uai };
  const [schoolRows, rollouts, trained, parents] = await Promise.all([
    queries.schools.all(values),
    queries.rollouts.all(values),
    queries.trained.all(values),
    queries.parents.all(values),
  ]);

  const rolloutsBySchool = new Map<string, Rollout[]>();
  for (const { uai, ...rollout } of rollouts) rolloutsBySchool.set(uai, [...(rolloutsBySchool.get(uai) ?? []), rollout]);
  const trainedBySchool = new Map<string, Record<string, number>>();
  for (const t of trained) trainedBySchool.set(t.uai, { ...trainedBySchool.get(t.uai), [t.kind]: t.trained });
  const parentsBySchool = new Map(parents.map((p) => [p.uai, p.parents]));
  const today = utcToParisLocal(now).date;

  return schoolRows.map((s) => {
    const parentsCount = parentsBySchool.get(s.uai) ?? 0;
    return {
      ...s,
      parents: parentsCount,
      parentReach: parentReach(parentsCount, s.pupils),
      ...schoolReadiness(s.teachers, rolloutsBySchool.get(s.uai) ?? [], trainedBySchool.get(s.uai) ?? {}, today),
    };
  });
}

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
    priorityEducation: r.priorityEducation,
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
  const header = [
    'uai',
    'name',
    'arrondissement',
    'teachers',
    'pupils',
    'status',
    'school_readiness',
    'parent_reach',
    'kind',
    'quantity',
    'planned_on',
    'delivered_on',
    'trained_teachers',
    'kind_readiness',
  ];
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
