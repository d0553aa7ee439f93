// Loads what readiness needs in one set-based query over the schools of a scope and their
// counts kept per school (readiness-summary.server.ts), so it holds at region scale, and applies
// the rule from ~/features/readiness/readiness.ts.
import { and, eq, sql } from 'drizzle-orm';
import { equipmentRollouts, readinessParents, readinessTrained, schools } from '~db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import { parentReach, schoolReadiness, type Rollout, type SchoolReadiness } from './readiness';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { qualified } from '~/features/registration/seat-sql';
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

// The whole answer for a scope (everything, an arrondissement, a school) as one JSON text that
// SQLite builds: one array per school, its rollouts and kept counts folded in by correlated
// lookups on their keys. A region is then one string for the client and one JSON.parse, not
// 10,000 row objects built cell by cell and mapped again by drizzle (that was ≈ 45 % of the
// every-school read; docs/benchmarks.md, "Session 5 — readiness").
const uai = qualified(schools.uai);
const rolloutsJson = sql`(select json_group_array(json_array(${equipmentRollouts.kind}, ${equipmentRollouts.quantity},
  ${equipmentRollouts.plannedOn}, ${equipmentRollouts.deliveredOn})) from ${equipmentRollouts} where ${equipmentRollouts.schoolUai} = ${uai})`;
// A teacher is trained for a kind once marked present at a session of a track covering it.
const trainedJson = sql`(select json_group_object(${readinessTrained.kind}, ${readinessTrained.trained})
  from ${readinessTrained} where ${readinessTrained.schoolUai} = ${uai})`;
// Distinct parents who attended, by their child's school (or the session's school).
const parentsCount = sql`(select ${readinessParents.parents} from ${readinessParents} where ${readinessParents.schoolUai} = ${uai})`;
const schoolCells = sql`json_array(${schools.uai}, ${schools.name}, ${schools.kind}, ${schools.arrondissement}, ${schools.teachers},
  ${schools.pupils}, ${schools.classes}, ${schools.priorityEducation}, ${rolloutsJson}, ${trainedJson}, ${parentsCount})`;

type RolloutCells = [string, number, string | null, string | null];
type SchoolCells = [
  uai: string,
  name: string,
  kind: string,
  arrondissement: number,
  teachers: number,
  pupils: number,
  classes: number,
  priorityEducation: 'REP' | 'REP+' | null,
  rollouts: RolloutCells[],
  trained: Record<string, number>,
  parents: number | null,
];

function readinessQuery(db: Db, filters: ReadinessFilters) {
  const shape = `${filters.arrondissement ? 'arrondissement' : ''}:${filters.uai ? 'uai' : ''}`;
  return preparedOnce(db, `readiness:${shape}`, () =>
    db
      .select({
        // No ORDER BY inside the aggregate: SQLite 3.44 takes it, but sqld parses every statement
        // itself first and refuses it (a syntax error). The rows are put in order below.
        schools: sql<string>`json_group_array(${schoolCells})`,
      })
      .from(schools)
      .where(
        and(
          filters.arrondissement ? eq(schools.arrondissement, sql.placeholder('arrondissement')) : undefined,
          filters.uai ? eq(schools.uai, sql.placeholder('uai')) : undefined,
        ),
      )
      .prepare(),
  );
}

// Arrondissement, then name, as SQLite's ORDER BY would put them (binary comparison of the names).
function byArrondissementAndName(a: SchoolCells, b: SchoolCells): number {
  return a[3] - b[3] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

export async function readinessBySchool(db: Db, filters: ReadinessFilters = {}, now = Date.now()): Promise<SchoolReadinessRow[]> {
  await refreshReadinessSummary(db);
  const [answer] = await readinessQuery(db, filters).all({ arrondissement: filters.arrondissement, uai: filters.uai });
  const today = utcToParisLocal(now).date;
  return (JSON.parse(answer?.schools ?? '[]') as SchoolCells[])
    .sort(byArrondissementAndName)
    .map(([uai, name, kind, arrondissement, teachers, pupils, classes, priorityEducation, rollouts, trained, parents]) => {
      const list = rollouts.map(([kind, quantity, plannedOn, deliveredOn]): Rollout => ({ kind, quantity, plannedOn, deliveredOn }));
      const parentsCount = parents ?? 0;
      return {
        uai,
        name,
        kind,
        arrondissement,
        teachers,
        pupils,
        classes,
        priorityEducation,
        parents: parentsCount,
        parentReach: parentReach(parentsCount, pupils),
        ...schoolReadiness(teachers, list, trained, today),
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
