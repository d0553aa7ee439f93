// The scheduled backup (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP): one per period across
// instances, through the scheduler's lease, and the old ones rotate out only once the new one
// has passed its integrity check. Every backup, scheduled or from `db:backup`, is a `backup`
// row in job_runs: the admin home and /metrics show the last one.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { jobRuns } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';
import { backupDatabase, backupName, rotateBackups, type BackupResult } from './backup.server';
import { checkDatabaseFile } from './sqlite-worker.server';

export const BACKUP_JOB = 'backup';

export interface BackupSchedule {
  databaseUrl: string;
  dir: string;
  everyHours: number;
  keep: number;
}

// A run that wrote its file but stopped before recording it: the file stays if it is sound.
async function soundFile(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  const check = await checkDatabaseFile(file).catch(() => ({ problems: ['unreadable'] }));
  if (check.problems.length === 0) return true;
  rmSync(file, { force: true });
  return false;
}

export function backupJob({ databaseUrl, dir, everyHours, keep }: BackupSchedule): ScheduledJob {
  const periodMs = Math.round(everyHours * 60 * 60_000);
  const periodStart = (now: number) => Math.floor(now / periodMs) * periodMs;
  return {
    name: BACKUP_JOB,
    period: (now) => new Date(periodStart(now)).toISOString().slice(0, 16),
    async run(_db, _period, now) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, backupName(periodStart(now)));
      const result = (await soundFile(file)) ? null : await backupDatabase(databaseUrl, file);
      const removed = rotateBackups(dir, keep, now);
      return { file: basename(file), bytes: result?.bytes ?? null, seconds: result?.seconds ?? null, kept: keep, removed: removed.length };
    },
  };
}

// A backup made by hand (`npm run cli -- db:backup FILE`) is recorded too.
export async function recordManualBackup(db: Db, result: BackupResult, now = Date.now()): Promise<void> {
  await db
    .insert(jobRuns)
    .values({
      job: BACKUP_JOB,
      period: `manual ${new Date(now).toISOString()}`,
      ranAt: now,
      result: { file: basename(result.file), bytes: result.bytes, seconds: result.seconds, manual: true },
    })
    .onConflictDoNothing();
}
