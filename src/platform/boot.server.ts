// What `npm start` (scripts/serve.ts) does before and beside the pages: prepare the database,
// run the background jobs, close the connection. Astro builds this file into
// dist/server/boot.mjs from the same chunks as the pages (astro.config.mjs), so the pages and
// the jobs share one configuration and one database connection.
import { config } from '~/platform/config/config';
import { dbReady, getDb } from '~/platform/db/db.server';
import { prepareDatabase } from '~/platform/db/startup.server';
import { startBackgroundJobs, type BackgroundJobs } from '~/platform/jobs/background.server';

export { config };
export { explainStartupError } from '~/platform/db/startup.server';

export async function prepare(log: (line: string) => void): Promise<void> {
  await dbReady();
  await prepareDatabase(getDb(), { log });
}

export function startJobs(): BackgroundJobs {
  return startBackgroundJobs(getDb());
}

export function closeDatabase(): void {
  getDb().$client.close();
}
