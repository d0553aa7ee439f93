// Readiness at region scale, against the cost of merely reading the attendance once (the
// region and the baseline are region-data.ts's, shared with readiness-summary.ts).
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { baselineMs, buildRow, openRegion } from './region-data';
import { timed, type BenchRow } from './measure';

export async function benchReadiness(): Promise<BenchRow[]> {
  const region = await openRegion();
  try {
    const baseline = await baselineMs(region.db);
    const all = await timed(5, () => readinessBySchool(region.db));
    const one = await timed(20, () => readinessBySchool(region.db, { arrondissement: 7 }));
    return [
      buildRow(region),
      { name: 'baseline: one pass over attendance ⋈ registrations', value: baseline, unit: 'ms' },
      { name: 'readiness, every school', value: all.median, unit: 'ms', ratio: all.median / baseline },
      { name: 'readiness, one arrondissement (≈625 schools)', value: one.median, unit: 'ms', ratio: one.median / baseline },
    ];
  } finally {
    region.close();
  }
}
