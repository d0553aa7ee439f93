// Readiness at region scale with the per-school summary (src/features/readiness/readiness-summary.server.ts):
// the first read after a bulk load (every school recounted), warm reads, and a read right after
// one teacher is marked present (the realistic case: a few schools recounted). The warm reads
// and the baseline alternate in rounds, each read's ratio taken against its own round's baseline.
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { baselineMs, buildRow, openRegion } from './region-data';
import { median, rounds, summary, timed, type BenchRow } from './measure';

export async function benchReadinessSummary(): Promise<BenchRow[]> {
  const region = await openRegion();
  const { db } = region;
  try {
    const first = await timed(1, () => readinessBySchool(db));
    // A teacher's attendance flips, then the region is read: the write names its school stale.
    const teacherRegistrations = (await db.$client.execute('select id from registrations where user_id is not null limit 50')).rows;
    let flip = 0;
    const mark = () => {
      const id = Number(teacherRegistrations[flip++ % teacherRegistrations.length]!.id);
      return db.$client.execute({ sql: 'update attendance set present = 1 - present where registration_id = ?', args: [id] });
    };
    const seen = await rounds({
      baseline: () => baselineMs(db),
      all: async () => (await timed(7, () => readinessBySchool(db))).median,
      one: async () => (await timed(21, () => readinessBySchool(db, { arrondissement: 7 }))).median,
      write: async () => (await timed(21, mark)).median,
      afterWrite: async () =>
        (
          await timed(7, async () => {
            await mark();
            await readinessBySchool(db);
          })
        ).median,
    });
    const { baseline: base = [], all = [], one = [], write = [], afterWrite = [] } = seen;
    const ratios = (xs: number[]) => xs.map((x, i) => x / base[i]!);
    return [
      buildRow(region),
      summary('baseline: one pass over attendance ⋈ registrations', base, 'ms'),
      {
        name: 'first read after the bulk load (every school recounted)',
        value: first.median,
        unit: 'ms',
        ratio: first.median / median(base),
      },
      summary('readiness, every school', all, 'ms', { ratios: ratios(all), note: 'target < 300 ms' }),
      summary('readiness, one arrondissement (≈625 schools)', one, 'ms', { ratios: ratios(one), note: 'target < 50 ms' }),
      summary('one attendance mark (its trigger names the school stale)', write, 'ms'),
      summary('attendance mark, then every school (one school recounted)', afterWrite, 'ms', { ratios: ratios(afterWrite) }),
    ];
  } finally {
    region.close();
  }
}
