// Equipment no training covers: a kind a school has or is getting, and no offered teacher
// track trains for. Told apart from "teachers not trained yet": the Drane has to create a
// track before anyone can be trained.
import type { SchoolReadinessRow } from './readiness.server';

export interface KindWithoutTrack {
  kind: string;
  // Schools where that kind is delivered or planned.
  schools: number;
  delivered: number;
}

export function kindsWithoutTrack(rows: Pick<SchoolReadinessRow, 'equipment'>[], covered: ReadonlySet<string>): KindWithoutTrack[] {
  const byKind = new Map<string, KindWithoutTrack>();
  for (const row of rows) {
    for (const e of row.equipment) {
      if (covered.has(e.kind)) continue;
      const entry = byKind.get(e.kind) ?? { kind: e.kind, schools: 0, delivered: 0 };
      entry.schools++;
      if (e.deliveredOn) entry.delivered++;
      byKind.set(e.kind, entry);
    }
  }
  return [...byKind.values()].sort((a, b) => b.delivered - a.delivered || b.schools - a.schools || a.kind.localeCompare(b.kind));
}
