// The jobs every instance's scheduler offers to run (each runs once per period, anywhere).
import { scrubErasedRecipients } from './outbox-delivery';
import { reminderJob } from './reminders';
import { retentionJob } from './retention';
import type { ScheduledJob } from './scheduler';
import { weeklyReportJob } from './weekly-report-job';

// Erased people leave no trace in sent mail, including those who never got a cancellation.
export const outboxScrubJob: ScheduledJob = {
  name: 'outbox-scrub',
  period: (now) => new Date(now).toISOString().slice(0, 13),
  run: async (db) => ({ scrubbed: await scrubErasedRecipients(db) }),
};

export function defaultJobs(): ScheduledJob[] {
  return [reminderJob({ hour: Number(process.env.REMINDER_HOUR ?? 10) }), outboxScrubJob, weeklyReportJob(), retentionJob()];
}
