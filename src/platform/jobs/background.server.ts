// Background work that runs inside every server instance: the outbox worker and the
// scheduler. Each job claims its work through the database, so N instances are safe.
// OUTBOX_POLL_MS and SCHEDULER_INTERVAL_MS tune them (tests make them fast);
// BACKGROUND_JOBS=off leaves them out (a second instance that must not send, a tool).
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { createOutboxWorker, workerId } from '~/features/mail/outbox/worker.server';
import { defaultJobs } from './scheduled-jobs.server';
import { createScheduler } from './scheduler.server';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

export function startBackgroundJobs(db: Db): BackgroundJobs {
  if (!config.backgroundJobs) return { stop: async () => {} };
  const owner = workerId();
  const worker = createOutboxWorker(db, { owner, pollMs: config.outboxPollMs });
  const scheduler = createScheduler(db, { owner, jobs: defaultJobs(), intervalMs: config.schedulerIntervalMs });
  worker.start();
  scheduler.start();
  return {
    async stop() {
      await Promise.all([worker.stop(), scheduler.stop()]);
    },
  };
}
