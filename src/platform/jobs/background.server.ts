// Background work that runs inside every server instance: the outbox worker and the
// scheduler. Each job claims its work through the database, so N instances are safe.
// OUTBOX_POLL_MS and SCHEDULER_INTERVAL_MS tune them (tests make them fast);
// BACKGROUND_JOBS=off leaves them out (a second instance that must not send, a tool).
import type { Db } from '~/platform/db/db.server';
import { createOutboxWorker, workerId } from '~/features/mail/outbox/worker.server';
import { defaultJobs } from './scheduled-jobs.server';
import { createScheduler } from './scheduler.server';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function startBackgroundJobs(db: Db): BackgroundJobs {
  if (process.env.BACKGROUND_JOBS === 'off') return { stop: async () => {} };
  const owner = workerId();
  const worker = createOutboxWorker(db, { owner, pollMs: envMs('OUTBOX_POLL_MS', 5_000) });
  const scheduler = createScheduler(db, { owner, jobs: defaultJobs(), intervalMs: envMs('SCHEDULER_INTERVAL_MS', 60_000) });
  worker.start();
  scheduler.start();
  return {
    async stop() {
      await Promise.all([worker.stop(), scheduler.stop()]);
    },
  };
}
