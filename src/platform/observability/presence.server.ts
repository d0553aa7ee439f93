// Each running server says so every few seconds with a lease row of its own in job_leases
// ("server:<host>:<pid>:<random>"), and removes it when it stops: db:restore refuses to
// replace a database a server still has open, and the admin home counts the instances up.
import { and, eq, gt, like, lt } from 'drizzle-orm';
import { hostname } from 'node:os';
import { jobLeases } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { errorText, logger } from './logger';

export const PRESENCE_PREFIX = 'server:';
const BEAT_MS = 10_000;
// Three missed beats: the server is gone (killed, or its machine lost).
export const PRESENCE_TTL_MS = 30_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export interface Presence {
  stop(): Promise<void>;
}

export function startPresence(db: Db, owner: string, { beatMs = BEAT_MS, now = Date.now } = {}): Presence {
  const name = `${PRESENCE_PREFIX}${owner}`;
  async function beat() {
    const at = now();
    try {
      await db
        .insert(jobLeases)
        .values({ name, owner, leaseUntil: at + PRESENCE_TTL_MS })
        .onConflictDoUpdate({ target: jobLeases.name, set: { leaseUntil: at + PRESENCE_TTL_MS } });
      // Servers that were killed leave their row behind.
      await db.delete(jobLeases).where(and(like(jobLeases.name, `${PRESENCE_PREFIX}%`), lt(jobLeases.leaseUntil, at - FORGET_AFTER_MS)));
    } catch (error) {
      logger.warn({ job: 'presence', err: errorText(error) }, 'presence: could not renew this instance’s lease');
    }
  }
  const first = beat();
  const timer = setInterval(() => void beat(), beatMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await first;
      await db
        .delete(jobLeases)
        .where(eq(jobLeases.name, name))
        .catch(() => undefined);
    },
  };
}

function processGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface RunningServer {
  owner: string;
  lastSeen: number;
}

// Servers whose lease is still running, less those of this machine whose process is gone.
export async function runningServers(db: Db, now = Date.now()): Promise<RunningServer[]> {
  const rows = await db
    .select({ owner: jobLeases.owner, leaseUntil: jobLeases.leaseUntil })
    .from(jobLeases)
    .where(and(like(jobLeases.name, `${PRESENCE_PREFIX}%`), gt(jobLeases.leaseUntil, now)));
  return rows.filter((r) => !processGone(r.owner)).map((r) => ({ owner: r.owner, lastSeen: r.leaseUntil - PRESENCE_TTL_MS }));
}
