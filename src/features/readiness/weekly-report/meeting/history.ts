// Readiness as it stood at the end of a past day, from what the database holds now: a teacher
// counts as trained from the first session of the kind they attended, and equipment counts as
// delivered from its delivery date. Trends and "since last week" use it where no weekly
// report was archived (an archived snapshot, when there is one, is what the meeting saw).
import { schoolReadiness, type Rollout, type SchoolStatus } from '~/features/readiness/readiness';

export type PriorityGroup = 'REP+' | 'REP' | 'none';

export interface HistorySchool {
  uai: string;
  arrondissement: number;
  teachers: number;
  priorityEducation: 'REP' | 'REP+' | null;
}

export interface HistoryData {
  schools: HistorySchool[];
  rollouts: (Rollout & { uai: string })[];
  // Each teacher's first attended session per kind (epoch ms), by the teacher's school.
  firstTrained: { uai: string; kind: string; teacherId: number; at: number }[];
}

export interface PastState {
  status: SchoolStatus;
  readiness: number;
  trainedTeachers: number;
}

export const groupOf = (s: { priorityEducation: 'REP' | 'REP+' | null }): PriorityGroup => s.priorityEducation ?? 'none';

function byUai<T extends { uai: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.uai, [...(map.get(r.uai) ?? []), r]);
  return map;
}

// Every school's state at the end of `day` (YYYY-MM-DD) given `endMs`, the first instant after it.
export function statesAt(data: HistoryData, day: string, endMs: number): Map<string, PastState> {
  const rollouts = byUai(data.rollouts);
  const trained = byUai(data.firstTrained.filter((t) => t.at < endMs));
  const states = new Map<string, PastState>();
  for (const s of data.schools) {
    // Not yet delivered on that day: only its plan counts.
    const known = (rollouts.get(s.uai) ?? []).map((r) => (r.deliveredOn && r.deliveredOn > day ? { ...r, deliveredOn: null } : r));
    const mine = trained.get(s.uai) ?? [];
    const perKind: Record<string, number> = {};
    for (const t of mine) perKind[t.kind] = (perKind[t.kind] ?? 0) + 1;
    const { status, readiness } = schoolReadiness(
      s.teachers,
      known.filter((r) => r.plannedOn || r.deliveredOn),
      perKind,
      day,
    );
    states.set(s.uai, { status, readiness, trainedTeachers: new Set(mine.map((t) => t.teacherId)).size });
  }
  return states;
}

export interface TrendPoint {
  isoWeek: string;
  // Teachers trained for a kind their school has, weighted over the equipped schools' teachers.
  readiness: number | null;
  trainedTeachers: number;
  ready: number;
  atRisk: number;
  schools: number;
}

// One point of a group of schools (a REP group, an arrondissement, the whole city).
export function pointOf(isoWeek: string, schools: HistorySchool[], states: Map<string, PastState>): TrendPoint {
  let teachers = 0;
  let weighted = 0;
  const point: TrendPoint = { isoWeek, readiness: null, trainedTeachers: 0, ready: 0, atRisk: 0, schools: schools.length };
  for (const s of schools) {
    const state = states.get(s.uai);
    if (!state) continue;
    point.trainedTeachers += state.trainedTeachers;
    if (state.status === 'ready') point.ready++;
    if (state.status === 'at-risk') point.atRisk++;
    if (state.status !== 'no-equipment') {
      teachers += s.teachers;
      weighted += state.readiness * s.teachers;
    }
  }
  point.readiness = teachers ? weighted / teachers : null;
  return point;
}
