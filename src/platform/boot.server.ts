// What `npm start` (scripts/serve.ts) does before and beside the pages: prepare the database,
// run the background jobs, observe every request, close the connection. Astro builds this
// file into dist/server/boot.mjs from the same chunks as the pages (astro.config.mjs), so the
// pages and the jobs share one configuration, one database connection, one logger and one
// set of metrics.
import { config } from '~/platform/config/config';
import { dbReady, getDb } from '~/platform/db/db.server';
import { prepareDatabase } from '~/platform/db/startup.server';
import { startBackgroundJobs, type BackgroundJobs } from '~/platform/jobs/background.server';
import { workerId } from '~/features/mail/outbox/worker.server';
import { startPresence } from '~/platform/observability/presence.server';

export { config };
export { explainStartupError } from '~/platform/db/startup.server';
export { logger } from '~/platform/observability/logger';
export { observeRequests } from '~/platform/observability/request-log.server';

export async function prepare(log: (line: string) => void): Promise<void> {
  await dbReady();
  await prepareDatabase(getDb(), { log });
}

// The jobs (unless BACKGROUND_JOBS=off), and this instance's presence lease, which
// db:restore looks for before it replaces the database.
export function startJobs(): BackgroundJobs {
  const presence = startPresence(getDb(), workerId());
  const jobs = startBackgroundJobs(getDb());
  return {
    async stop() {
      await Promise.all([jobs.stop(), presence.stop()]);
    },
  };
}

export function closeDatabase(): void {
  getDb().$client.close();
}
