// The admin home's health panel: the database's figures, or null when it cannot be read
// (the page still shows, with a sentence saying so), and this process's failed job rounds.
import { getDb } from '~/platform/db/db.server';
import { serviceHealth, type ServiceHealth } from './health.server';
import { jobFailuresSinceStart } from './metrics';

export async function adminHealth(): Promise<{ health: ServiceHealth | null; jobFailures: number }> {
  const [health, jobFailures] = await Promise.all([serviceHealth(getDb()).catch(() => null), jobFailuresSinceStart()]);
  return { health, jobFailures };
}
