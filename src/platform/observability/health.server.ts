// How the service is doing, from the database (so every instance tells the same): the
// message backlog per channel and status, the oldest message not yet sent, the last backup
// and the last weekly report, the instances that are up. /metrics and the admin home read it.
import { and, count, desc, eq, gt, like, min, sql } from 'drizzle-orm';
import { jobLeases, jobRuns, outbox } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { BACKUP_JOB } from '~/platform/backup/backup-job.server';
import { PRESENCE_PREFIX } from './presence.server';

// The outbox names no channel: an address is mail, a number is an SMS, an erased row neither.
const channel = sql<
  'email' | 'sms' | 'erased'
>`case when ${outbox.recipient} like '%@%' then 'email' when ${outbox.recipient} = '' then 'erased' else 'sms' end`;
export const UNSENT_STATUSES = ['pending', 'held', 'sending'] as const;

export interface MessageCount {
  channel: 'email' | 'sms' | 'erased';
  status: string;
  count: number;
  oldestCreatedAt: number | null;
}

export interface JobMark {
  ranAt: number;
  period: string;
  result: Record<string, unknown> | null;
}

export interface ServiceHealth {
  messages: MessageCount[];
  // Per channel: when the oldest message still waiting to go was queued.
  oldestUnsent: Partial<Record<'email' | 'sms', number>>;
  failedMessages: number;
  lastBackup: JobMark | null;
  lastWeeklyReport: JobMark | null;
  instances: number;
}

async function lastRun(db: Db, job: string): Promise<JobMark | null> {
  const [row] = await db
    .select({ ranAt: jobRuns.ranAt, period: jobRuns.period, result: jobRuns.result })
    .from(jobRuns)
    .where(eq(jobRuns.job, job))
    .orderBy(desc(jobRuns.ranAt))
    .limit(1);
  return row ?? null;
}

export async function serviceHealth(db: Db, now = Date.now()): Promise<ServiceHealth> {
  const [messages, lastBackup, lastWeeklyReport, [up]] = await Promise.all([
    db
      .select({ channel, status: outbox.status, count: count(), oldestCreatedAt: min(outbox.createdAt) })
      .from(outbox)
      .groupBy(channel, outbox.status),
    lastRun(db, BACKUP_JOB),
    lastRun(db, 'weekly-report'),
    db
      .select({ n: count() })
      .from(jobLeases)
      .where(and(like(jobLeases.name, `${PRESENCE_PREFIX}%`), gt(jobLeases.leaseUntil, now))),
  ]);
  const oldestUnsent: ServiceHealth['oldestUnsent'] = {};
  for (const m of messages) {
    if (m.channel === 'erased' || m.oldestCreatedAt == null || !(UNSENT_STATUSES as readonly string[]).includes(m.status)) continue;
    oldestUnsent[m.channel] = Math.min(oldestUnsent[m.channel] ?? Infinity, m.oldestCreatedAt);
  }
  const failedMessages = messages.filter((m) => m.status === 'failed').reduce((sum, m) => sum + m.count, 0);
  return { messages, oldestUnsent, failedMessages, lastBackup, lastWeeklyReport, instances: up?.n ?? 0 };
}

export function unsentCount(health: ServiceHealth, ch: 'email' | 'sms'): number {
  return health.messages
    .filter((m) => m.channel === ch && (UNSENT_STATUSES as readonly string[]).includes(m.status))
    .reduce((sum, m) => sum + m.count, 0);
}
