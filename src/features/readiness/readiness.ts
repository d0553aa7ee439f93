// Teacher readiness per school and equipment kind (DESIGN rule 5): the one place it is computed.
// The dashboard, the API, the CSV export and the weekly report all call schoolReadiness().
import { addDays } from '~/platform/text/dates';

export const DUE_WINDOW_DAYS = 30;
export const AT_RISK_BELOW = 0.5;
export const READY_FROM = 0.8;

export type SchoolStatus = 'no-equipment' | 'at-risk' | 'in-progress' | 'ready';

export interface Rollout {
  kind: string;
  quantity: number;
  plannedOn: string | null; // YYYY-MM-DD
  deliveredOn: string | null;
}

export interface KindReadiness extends Rollout {
  trainedTeachers: number;
  readiness: number; // 0..1
  // Delivered, or due within DUE_WINDOW_DAYS: the kinds that count for the status.
  pressing: boolean;
}

export interface SchoolReadiness {
  status: SchoolStatus;
  readiness: number;
  equipment: KindReadiness[];
}

// A kind presses on a school once it is delivered (whenever that was), or planned within the window.
export function isPressing(r: Rollout, today: string): boolean {
  if (r.deliveredOn && r.deliveredOn <= today) return true;
  return r.plannedOn !== null && r.plannedOn <= dueHorizon(today);
}

// The last day a planned rollout counts as due, kept for the last `today` asked: a region's
// 15,000 rollouts share it, and date parsing was a tenth of the region-wide read.
let horizon = { today: '', last: '' };
function dueHorizon(today: string): string {
  if (horizon.today !== today) horizon = { today, last: addDays(today, DUE_WINDOW_DAYS) };
  return horizon.last;
}

// Trained teachers over the school's headcount (from school data, not from accounts), capped at 1.
export function kindReadiness(trainedTeachers: number, headcount: number): number {
  if (headcount <= 0) return trainedTeachers > 0 ? 1 : 0;
  return Math.min(1, trainedTeachers / headcount);
}

export function schoolReadiness(
  headcount: number,
  rollouts: Rollout[],
  trainedByKind: Record<string, number>,
  today: string,
): SchoolReadiness {
  const equipment = rollouts
    .filter((r) => r.quantity > 0 && (r.plannedOn || r.deliveredOn))
    .map((r) => {
      const trainedTeachers = trainedByKind[r.kind] ?? 0;
      return { ...r, trainedTeachers, readiness: kindReadiness(trainedTeachers, headcount), pressing: isPressing(r, today) };
    });
  if (equipment.length === 0) return { status: 'no-equipment', readiness: 0, equipment };
  const pressing = equipment.filter((e) => e.pressing);
  // The school is as ready as its least-covered kind: one untrained kind is enough to leave
  // equipment unused.
  const counted = pressing.length ? pressing : equipment;
  const readiness = Math.min(...counted.map((e) => e.readiness));
  return { status: statusOf(pressing), readiness, equipment };
}

export function statusOf(pressing: KindReadiness[]): SchoolStatus {
  if (pressing.some((e) => e.readiness < AT_RISK_BELOW)) return 'at-risk';
  if (pressing.length > 0 && pressing.every((e) => e.readiness >= READY_FROM)) return 'ready';
  return 'in-progress';
}

// Parents who came to at least one session, per pupil: shown beside readiness, never mixed in.
export function parentReach(distinctParents: number, pupils: number): number {
  return pupils > 0 ? Math.min(1, distinctParents / pupils) : 0;
}
