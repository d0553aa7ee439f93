// Backups of the embedded database file, safe while the server runs: a consistent snapshot
// (VACUUM INTO, never a copy of a live WAL file) written beside the target under a temporary
// name, checked with `pragma integrity_check`, flushed, and only then renamed into place. A
// backup killed half-way leaves a stray ".partial" file and nothing else changed: the live
// database is only read, and earlier backups are not touched until a new one is sound.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { snapshotInto } from './sqlite-worker.server';

export class BackupError extends Error {
  override name = 'BackupError';
}

// The file behind DATABASE_URL=file:…, or a sentence saying why there is none.
export function databaseFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new BackupError(
      'Backups here are of an embedded database file (DATABASE_URL=file:…); a libSQL server keeps its own snapshots (README, "Operations").',
    );
  }
  const path = databaseUrl
    .slice('file:'.length)
    .replace(/^\/\/(?=\/)/, '')
    .split('?')[0]!;
  if (!path || path.startsWith(':')) throw new BackupError(`DATABASE_URL names no file (${databaseUrl}).`);
  return resolve(path);
}

function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
}

export async function backupDatabase(databaseUrl: string, target: string): Promise<BackupResult> {
  const source = databaseFile(databaseUrl);
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (existsSync(file)) throw new BackupError(`${file} already exists: give a new file name (a backup never overwrites one).`);
  if (!existsSync(dirname(file))) throw new BackupError(`The folder ${dirname(file)} does not exist.`);
  const started = performance.now();
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  try {
    const check = await snapshotInto(source, partial);
    if (check.problems.length) throw new BackupError(`The copy failed its integrity check: ${check.problems.slice(0, 3).join('; ')}`);
    fsyncPath(partial);
    renameSync(partial, file);
    fsyncPath(dirname(file));
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
  return { file, bytes: statSync(file).size, seconds: Math.round(performance.now() - started) / 1000 };
}

// Scheduled backups are named by the start of their period, so they sort by time.
export const BACKUP_NAME = /^passerelle-\d{8}-\d{4}\.db$/;

export function backupName(periodStart: number): string {
  const iso = new Date(periodStart).toISOString();
  return `passerelle-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 16).replace(':', '')}.db`;
}

// Keeps the newest `keep` scheduled backups of the folder (other files are never touched),
// and removes ".partial" files left by a backup that was killed more than an hour ago.
export function rotateBackups(dir: string, keep: number, now = Date.now()): string[] {
  const names = readdirSync(dir);
  const removed = names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
    .slice(keep);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  for (const name of names.filter((n) => /\.partial(-journal)?$/.test(n))) {
    if (now - statSync(join(dir, name)).mtimeMs > 60 * 60_000) rmSync(join(dir, name), { force: true });
  }
  return removed;
}
