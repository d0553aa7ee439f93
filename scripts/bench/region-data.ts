// A region-sized database generated in SQL: 10,000 schools, 100,000 teachers, 1,000,000
// registrations (teachers and parents) with attendance. Deterministic; with the readiness
// triggers on, minutes to build on a busy machine, so the built file is kept under the system's
// temporary folder, named by what made it (openRegion), and each run works on a copy of it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { applyMigrations, MIGRATIONS_FOLDER } from '~/platform/db/migrate.server';
import { timed } from './measure';

export const REGION = { schools: 10_000, teachers: 100_000, sessions: 20_000, registrations: 1_000_000 };

const series = (n: number) => `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n})`;

export async function buildRegion(db: Db, now = Date.now()) {
  const day = 86_400_000;
  const teacherRegs = 300_000;
  const parentRegs = REGION.registrations - teacherRegs;
  await db.$client.batch(
    [
      `insert into organisations (slug, name) values ('ligue', 'Ligue'), ('drane', 'Drane'), ('ville', 'Ville')`,
      `${series(REGION.schools)} insert into schools (uai, name, kind, arrondissement, classes, pupils, teachers)
         select printf('%07d', 1000000 + i) || 'R', 'École ' || i, 'elementary', 1 + i % 16, 8 + i % 7, 200 + i % 90, 10 + i % 6 from n`,
      `${series(REGION.schools)} insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
         select printf('%07d', 1000000 + i) || 'R', 'interactive-display', 8, '2026-01-01', case when i % 3 = 0 then null else '2026-03-01' end from n`,
      `${series(REGION.schools)} insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
         select printf('%07d', 1000000 + i) || 'R', 'tablet', 30, '2026-12-15', null from n where i % 2 = 0`,
      `insert into tracks (slug, audience, organisation_id, title, equipment_kinds) values
         ('tni', 'teacher', 2, 'TNI', '["interactive-display"]'), ('ipad', 'teacher', 2, 'iPad', '["tablet"]'), ('ent', 'parent', 1, 'ENT', '[]')`,
      `${series(REGION.teachers)} insert into users (email, name, role, school_uai)
         select 't' || i || '@ac-region.fr', 'Teacher ' || i, 'teacher', printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R' from n`,
      `${series(REGION.sessions)} insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, school_uai, capacity)
         select 1 + i % 3, case when i % 3 = 2 then 1 else 2 end, 'Session ' || i, case when i % 3 = 2 then 'parent' else 'teacher' end,
           ${now} - (i % 500) * ${day}, ${now} - (i % 500) * ${day} + 7200000, 'Salle', printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R', 60 from n`,
      // Teachers: 3 bookings each on teacher sessions (ids not divisible by 3 minus one).
      `${series(teacherRegs)} insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
         select 1 + ((i * 7) % ${REGION.sessions / 3}) * 3 + (i % 2), 'confirmed', 'T', 'T', 't' || (1 + (i - 1) % ${REGION.teachers}) || '-' || i || '@ac-region.fr',
           1 + (i - 1) % ${REGION.teachers}, printf('T%07d', i) from n`,
      `${series(parentRegs)} insert into registrations (session_id, status, first_name, last_name, phone, child_school_uai, code)
         select 3 + ((i * 11) % ${REGION.sessions / 3}) * 3, 'confirmed', 'P', 'P', '+336' || printf('%08d', i), printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R', printf('P%07d', i) from n`,
      `insert into attendance (registration_id, present) select id, (id % 10) < 7 from registrations`,
    ],
    'write',
  );
}

export interface Region {
  db: Db;
  path: string;
  // How long building the data took, when it was built (a cached copy keeps its first build's time).
  buildMs: number;
  cached: boolean;
  label: string;
  close(): void;
}

// The cache is named by everything the file depends on: the sizes, this generator's SQL and
// the migrations (schema and triggers). Anything else changed means a new file.
function cacheKey(): string {
  const hash = createHash('sha256').update(JSON.stringify(REGION)).update(buildRegion.toString());
  for (const name of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort())
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  return hash.digest('hex').slice(0, 16);
}

async function open(url: string): Promise<Db> {
  const db = openDb(url);
  await prepareConnection(db, url);
  return db;
}

// Builds the region once (BENCH_REGION_CACHE=off builds it every time), then hands out a fresh
// copy in its own temporary folder: a run's writes and recounts never reach the cached file, so
// every run starts from the state right after the bulk load (every school stale).
export async function openRegion(): Promise<Region> {
  const cacheDir = join(tmpdir(), 'passerelle-bench-cache');
  const file = join(cacheDir, `region-${cacheKey()}.db`);
  const meta = `${file}.json`;
  const useCache = process.env.BENCH_REGION_CACHE !== 'off';
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-region-'));
  const path = join(dir, 'region.db');
  const cached = useCache && existsSync(file) && existsSync(meta);
  let buildMs: number;
  if (cached) {
    buildMs = (JSON.parse(readFileSync(meta, 'utf8')) as { buildMs: number }).buildMs;
    copyFileSync(file, path);
  } else {
    buildMs = await build(path);
    if (useCache) {
      mkdirSync(cacheDir, { recursive: true });
      copyFileSync(path, `${file}.${process.pid}`);
      renameSync(`${file}.${process.pid}`, file);
      writeFileSync(meta, JSON.stringify({ buildMs, builtAt: new Date().toISOString() }));
    }
  }
  const db = await open(`file:${path}`);
  return {
    db,
    path,
    buildMs,
    cached,
    label: `${REGION.schools.toLocaleString('en')} schools, ${REGION.teachers.toLocaleString('en')} teachers, ${REGION.registrations.toLocaleString('en')} registrations`,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function build(path: string): Promise<number> {
  const db = await open(`file:${path}`);
  try {
    await applyMigrations(db);
    const start = performance.now();
    await buildRegion(db);
    const ms = performance.now() - start;
    // One self-contained file: the WAL folded in, so a copy of the file is the whole database.
    await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return ms;
  } finally {
    db.$client.close();
  }
}

export function buildRow(region: Region) {
  return {
    name: `region data build, triggers on (${region.label})`,
    value: region.buildMs,
    unit: 'ms',
    note: region.cached ? 'cached file, time of its first build' : '',
  };
}

// What readiness is compared with: the cost of merely reading the attendance once (median of 5).
export async function baselineMs(db: Db): Promise<number> {
  const { median } = await timed(5, () =>
    db.$client.execute('select count(*), sum(a.present) from attendance a join registrations r on r.id = a.registration_id'),
  );
  return median;
}
