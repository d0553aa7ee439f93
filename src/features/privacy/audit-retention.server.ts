// The audit log has a lifetime too (AUDIT_RETENTION_DAYS, said in the privacy notice): a
// daily job deletes older entries, in chunks so no single write holds the database for long.
import { inArray, lt } from 'drizzle-orm';
import { auditLog } from '~db/schema';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 2000;

export async function pruneAuditLog(db: Db, now: number, days = config.privacy.auditRetentionDays): Promise<number> {
  const before = now - days * DAY_MS;
  let deleted = 0;
  for (;;) {
    const chunk = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, before)).limit(CHUNK);
    const result = await db.delete(auditLog).where(inArray(auditLog.id, chunk));
    deleted += result.rowsAffected;
    if (result.rowsAffected < CHUNK) return deleted;
  }
}

export function auditRetentionJob(days = config.privacy.auditRetentionDays): ScheduledJob {
  return {
    name: 'audit-retention',
    period: (now) => new Date(now).toISOString().slice(0, 10),
    run: async (db, _period, now) => ({ deleted: await pruneAuditLog(db, now, days) }),
  };
}
