// The jobs every instance's scheduler offers to run (each runs once per period, anywhere).
import { config } from '~/platform/config/config';
import { scrubErasedRecipients } from '~/features/mail/outbox/delivery-states.server';
import { reminderJob } from '~/features/mail/reminders.server';
import { retentionJob } from '~/features/privacy/retention.server';
import { interestExpiryJob } from '~/features/interest/interest-privacy.server';
import { auditRetentionJob } from '~/features/privacy/audit-retention.server';
import { teacherRetentionJob } from '~/features/privacy/teacher-retention.server';
import type { ScheduledJob } from './scheduler.server';
import { backupJob } from '~/platform/backup/backup-job.server';
import { pruneRateLimits } from '~/platform/http/rate-limit.server';
import { weeklyReportJob } from '~/features/readiness/weekly-report/weekly-report-job.server';
import { missedYouJob } from '~/features/attendance/no-shows.server';

// Erased people leave no trace in sent mail, including those who never got a cancellation.
export const outboxScrubJob: ScheduledJob = {
  name: 'outbox-scrub',
  period: (now) => new Date(now).toISOString().slice(0, 13),
  run: async (db) => ({ scrubbed: await scrubErasedRecipients(db) }),
};

// Rate-limit counters of finished windows say nothing useful and only keep traces: gone hourly.
export const rateLimitPruneJob: ScheduledJob = {
  name: 'rate-limit-prune',
  period: (now) => new Date(now).toISOString().slice(0, 13),
  run: async (db, _period, now) => ({ pruned: await pruneRateLimits(db, now) }),
};

export function defaultJobs(): ScheduledJob[] {
  const backups = config.backupDir
    ? [backupJob({ databaseUrl: config.databaseUrl, dir: config.backupDir, everyHours: config.backupEveryHours, keep: config.backupKeep })]
    : [];
  return [
    reminderJob({ hour: config.reminderHour }),
    outboxScrubJob,
    weeklyReportJob(),
    retentionJob(),
    interestExpiryJob,
    auditRetentionJob(),
    teacherRetentionJob(),
    rateLimitPruneJob,
    missedYouJob,
    ...backups,
  ];
}
