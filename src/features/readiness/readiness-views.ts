// How the dashboard looks at readiness rows: headline figures, counts per arrondissement,
// the filtered and sorted school table, and equipment without training. It reads what
// readiness.server.ts decided (status, readiness per kind) and never decides it again.
import { AT_RISK_BELOW, type KindReadiness, type SchoolStatus } from './readiness';
import type { SchoolReadinessRow } from './readiness.server';

export const STATUSES: SchoolStatus[] = ['at-risk', 'in-progress', 'ready', 'no-equipment'];

export interface KindShare {
  kind: string;
  schools: number;
  teachers: number;
  trained: number;
  share: number;
}

export interface Headline {
  schools: number;
  equipped: number;
  plannedOnly: number;
  byStatus: Record<SchoolStatus, number>;
  kinds: KindShare[];
}

export const isDelivered = (e: KindReadiness, today: string) => e.deliveredOn !== null && e.deliveredOn <= today;

// Kinds that make a school at risk: delivered or due, and under the threshold.
export const untrainedKinds = (row: SchoolReadinessRow) => row.equipment.filter((e) => e.pressing && e.readiness < AT_RISK_BELOW);

function countByStatus(rows: SchoolReadinessRow[]): Record<SchoolStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SchoolStatus, number>;
  for (const r of rows) counts[r.status]++;
  return counts;
}

// Per kind, over the schools where it is delivered or due: teachers trained (capped at each
// school's headcount, as readiness is) out of all their teachers.
function kindShares(rows: SchoolReadinessRow[]): KindShare[] {
  const byKind = new Map<string, KindShare>();
  for (const r of rows) {
    for (const e of r.equipment.filter((x) => x.pressing)) {
      const k = byKind.get(e.kind) ?? { kind: e.kind, schools: 0, teachers: 0, trained: 0, share: 0 };
      k.schools++;
      k.teachers += r.teachers;
      k.trained += Math.round(e.readiness * r.teachers);
      byKind.set(e.kind, k);
    }
  }
  return [...byKind.values()].map((k) => ({ ...k, share: k.teachers ? k.trained / k.teachers : 0 })).sort((a, b) => b.schools - a.schools);
}

export function headline(rows: SchoolReadinessRow[], today: string): Headline {
  const equipped = rows.filter((r) => r.equipment.some((e) => isDelivered(e, today))).length;
  const withEquipment = rows.filter((r) => r.equipment.length > 0).length;
  return { schools: rows.length, equipped, plannedOnly: withEquipment - equipped, byStatus: countByStatus(rows), kinds: kindShares(rows) };
}

export interface ArrondissementCounts {
  arrondissement: number;
  schools: number;
  byStatus: Record<SchoolStatus, number>;
}

export function byArrondissement(rows: SchoolReadinessRow[]): ArrondissementCounts[] {
  const groups = new Map<number, SchoolReadinessRow[]>();
  for (const r of rows) groups.set(r.arrondissement, [...(groups.get(r.arrondissement) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([arrondissement, list]) => ({ arrondissement, schools: list.length, byStatus: countByStatus(list) }));
}

// Schools whose delivered or imminent equipment has too few trained teachers, the ones with
// the most pupils first: where unused equipment costs the most.
export function equipmentWithoutTraining(rows: SchoolReadinessRow[]): SchoolReadinessRow[] {
  return rows
    .filter((r) => untrainedKinds(r).length > 0)
    .sort((a, b) => b.pupils - a.pupils || a.readiness - b.readiness || a.name.localeCompare(b.name, 'fr'));
}
