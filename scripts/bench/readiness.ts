// Readiness at region scale, against the cost of merely reading the attendance once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { REGION, buildRegion } from './region-data';
import { timed, type BenchRow } from './measure';

export async function benchReadiness(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-region-'));
  const url = `file:${join(dir, 'region.db')}`;
  const db = openDb(url);
  try {
    await prepareConnection(db, url);
    await applyMigrations(db);
    const build = await timed(1, () => buildRegion(db));
    const baseline = await timed(5, () =>
      db.$client.execute('select count(*), sum(a.present) from attendance a join registrations r on r.id = a.registration_id'),
    );
    const all = await timed(5, () => readinessBySchool(db));
    const one = await timed(20, () => readinessBySchool(db, { arrondissement: 7 }));
    const label = `${REGION.schools.toLocaleString('en')} schools, ${REGION.teachers.toLocaleString('en')} teachers, ${REGION.registrations.toLocaleString('en')} registrations`;
    return [
      { name: `region data build (${label})`, value: build.median, unit: 'ms' },
      { name: 'baseline: one pass over attendance ⋈ registrations', value: baseline.median, unit: 'ms' },
      { name: 'readiness, every school', value: all.median, unit: 'ms', ratio: all.median / baseline.median },
      { name: 'readiness, one arrondissement (≈625 schools)', value: one.median, unit: 'ms', ratio: one.median / baseline.median },
    ];
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
