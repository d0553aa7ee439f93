// Puts a backup in place of the embedded database, with every server on it stopped: the file
// must pass `pragma integrity_check`, be a Passerelle database, and come from this release or
// an older one (migrations only go forward: the server brings an older one up to date when it
// starts). The database it replaces is kept beside it, renamed, never deleted.
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDb, type Db } from '~/platform/db/db.server';
import { migrationMarks } from '~/platform/db/migrate.server';
import { isEmpty } from '~/platform/db/startup.server';
import { runningServers } from '~/platform/observability/presence.server';
import { BackupError, databaseFile } from './backup.server';
import { checkDatabaseFile } from './sqlite-worker.server';

export class RestoreRefused extends BackupError {
  override name = 'RestoreRefused';
}

const SIDE_FILES = ['', '-wal', '-shm'];

async function checkBackup(source: string): Promise<void> {
  if (!existsSync(source) || !statSync(source).isFile()) throw new RestoreRefused(`There is no file at ${source}.`);
  if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) {
    throw new RestoreRefused(
      `${source} has a write-ahead log beside it (${source}-wal): it is a live database, not a backup. Use a file made by db:backup.`,
    );
  }
  const check = await checkDatabaseFile(source).catch((error: unknown) => {
    throw new RestoreRefused(`${source} is not a readable database (${(error as Error).message}).`);
  });
  if (check.problems.length) {
    throw new RestoreRefused(`${source} fails the integrity check (${check.problems.slice(0, 3).join('; ')}): nothing was restored.`);
  }
  if (!check.tables.includes('__drizzle_migrations') || !check.tables.includes('registrations')) {
    throw new RestoreRefused(`${source} is not a Passerelle database.`);
  }
  const backup = openDb(`file:${source}`);
  try {
    const { applied, known } = await migrationMarks(backup);
    if (applied > known) throw new RestoreRefused(`${source} was made by a newer release of Passerelle: restore it with that release.`);
  } finally {
    backup.$client.close();
  }
}

async function refuseWhileServing(live: Db, now: number): Promise<void> {
  const servers = await runningServers(live, now).catch(() => []);
  if (servers.length === 0) return;
  const seen = servers.map((s) => `${s.owner}, seen ${Math.max(0, Math.round((now - s.lastSeen) / 1000))} s ago`).join('; ');
  throw new RestoreRefused(
    `A Passerelle server is running on this database (${seen}). Stop every server first (SIGTERM), then run db:restore again. A server that was killed counts as running for 30 s after its last sign of life.`,
  );
}

export interface RestoreResult {
  database: string;
  // Where the database that was replaced went (null when there was none).
  previous: string | null;
}

// `live` is a connection to the current database, closed here before the files move.
export async function restoreDatabase(live: Db, databaseUrl: string, source: string, now = Date.now()): Promise<RestoreResult> {
  const database = databaseFile(databaseUrl);
  await checkBackup(source);
  await refuseWhileServing(live, now);
  // A database that holds nothing yet (a new machine) is not worth keeping.
  const hadData = await isEmpty(live).then(
    (empty) => !empty,
    () => false,
  );
  live.$client.close();

  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const previous = hadData ? `${database}.replaced-${stamp}` : null;
  // The copy goes in under a temporary name first: a restore cut short leaves no half file.
  const incoming = join(dirname(database), `.restoring-${process.pid}`);
  copyFileSync(source, incoming);
  for (const suffix of SIDE_FILES) {
    const file = `${database}${suffix}`;
    if (!existsSync(file)) continue;
    // An empty database has nothing worth keeping, but its log must not meet the new file.
    if (previous) renameSync(file, `${previous}${suffix}`);
    else rmSync(file, { force: true });
  }
  renameSync(incoming, database);
  return { database, previous };
}
