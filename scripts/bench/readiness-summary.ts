// Readiness at region scale with the per-school summary (src/features/readiness/readiness-summary.server.ts):
// the first read after a bulk load (every school recounted), warm reads, and a read right after
// one teacher is marked present (the realistic case: a few schools recounted).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { REGION, buildRegion } from './region-data';
import { timed, type BenchRow } from './measure';

export async function benchReadinessSummary(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-summary-'));
  const url = `file:${join(dir, 'region.db')}`;
  const db = openDb(url);
  try {
    await prepareConnection(db, url);
    await applyMigrations(db);
    const build = await timed(1, () => buildRegion(db));
    const baseline = await timed(5, () =>
      db.$client.execute('select count(*), sum(a.present) from attendance a join registrations r on r.id = a.registration_id'),
    );
    const first = await timed(1, () => readinessBySchool(db));
    const all = await timed(7, () => readinessBySchool(db));
    const one = await timed(21, () => readinessBySchool(db, { arrondissement: 7 }));
    // A teacher's attendance flips, then the region is read: the write names its school stale.
    const teacherRegistrations = (await db.$client.execute('select id from registrations where user_id is not null limit 50')).rows;
    let flip = 0;
    const mark = () => {
      const id = Number(teacherRegistrations[flip++ % teacherRegistrations.length]!.id);
      return db.$client.execute({ sql: 'update attendance set present = 1 - present where registration_id = ?', args: [id] });
    };
    const write = await timed(21, mark);
    const afterWrite = await timed(7, async () => {
      await mark();
      await readinessBySchool(db);
    });
    const label = `${REGION.schools.toLocaleString('en')} schools, ${REGION.teachers.toLocaleString('en')} teachers, ${REGION.registrations.toLocaleString('en')} registrations`;
    return [
      { name: `region data build, triggers on (${label})`, value: build.median, unit: 'ms' },
      { name: 'baseline: one pass over attendance ⋈ registrations', value: baseline.median, unit: 'ms' },
      {
        name: 'first read after the bulk load (every school recounted)',
        value: first.median,
        unit: 'ms',
        ratio: first.median / baseline.median,
      },
      { name: 'readiness, every school', value: all.median, unit: 'ms', ratio: all.median / baseline.median, note: 'target < 300 ms' },
      {
        name: 'readiness, one arrondissement (≈625 schools)',
        value: one.median,
        unit: 'ms',
        ratio: one.median / baseline.median,
        note: 'target < 50 ms',
      },
      { name: 'one attendance mark (its trigger names the school stale)', value: write.median, unit: 'ms' },
      {
        name: 'attendance mark, then every school (one school recounted)',
        value: afterWrite.median,
        unit: 'ms',
        ratio: afterWrite.median / baseline.median,
      },
    ];
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
