// Jobs that run once per period (a day's reminders, an hour's clean-up) in whichever instance
// gets there first: a lease row in `job_leases` keeps two instances from running one job at
// once, and a row in `job_runs` marks a period as done.
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { jobLeases, jobRuns } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { errorText, logger } from '~/platform/observability/logger';
import { jobRuns as jobRunsMetric } from '~/platform/observability/metrics';
import { pollLoop } from './poll-loop';

export interface ScheduledJob {
  name: string;
  // The period a run now would cover (e.g. "2027-03-27"), or null when it is not time yet.
  period(now: number): string | null;
  run(db: Db, period: string, now: number): Promise<Record<string, unknown>>;
}

export type JobOutcome = 'ran' | 'not-due' | 'done' | 'busy';

// Taken when free, expired, or already ours: one upsert, so two instances never both win.
function leaseStatement(db: Db, name: string, owner: string, now: number, leaseMs: number) {
  return db
    .insert(jobLeases)
    .values({ name, owner, leaseUntil: now + leaseMs })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { owner: sql`excluded.owner`, leaseUntil: sql`excluded.lease_until` },
      setWhere: or(lt(jobLeases.leaseUntil, now), eq(jobLeases.owner, sql`excluded.owner`)),
    });
}

async function releaseLease(db: Db, name: string, owner: string) {
  await db
    .update(jobLeases)
    .set({ leaseUntil: 0 })
    .where(and(eq(jobLeases.name, name), eq(jobLeases.owner, owner)));
}

function periodRuns(db: Db, job: string, period: string) {
  return db
    .select({ job: jobRuns.job })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
    .limit(1);
}

export async function runJobIfDue(db: Db, job: ScheduledJob, owner: string, now: number, leaseMs = 10 * 60_000): Promise<JobOutcome> {
  const period = job.period(now);
  if (period === null) return 'not-due';
  if ((await periodRuns(db, job.name, period)).length) return 'done';
  // Another instance may have finished this period between the check and the lease: looked at
  // again in the lease's own write, which a sqld replica forwards to the primary, so a run
  // another instance has just recorded is seen even before this replica has it.
  const [lease, runs] = await db.batch([leaseStatement(db, job.name, owner, now, leaseMs), periodRuns(db, job.name, period)]);
  if (lease.rowsAffected !== 1) return 'busy';
  try {
    if (runs.length) return 'done';
    const started = performance.now();
    const result = await job.run(db, period, now);
    await db.insert(jobRuns).values({ job: job.name, period, ranAt: now, result }).onConflictDoNothing();
    // A job's result holds counts and file names, nothing personal.
    logger.info({ job: job.name, period, outcome: 'ran', seconds: Math.round(performance.now() - started) / 1000, result }, 'job');
    return 'ran';
  } finally {
    await releaseLease(db, job.name, owner);
  }
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  owner: string;
  intervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Scheduler {
  runOnce(): Promise<Record<string, JobOutcome>>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(db: Db, options: SchedulerOptions): Scheduler {
  const { jobs, owner, intervalMs = 60_000, now = Date.now, log = (line: string) => logger.error({ outcome: 'failed' }, line) } = options;

  async function tick(stopping: () => boolean) {
    const outcomes: Record<string, JobOutcome> = {};
    for (const job of jobs) {
      if (stopping()) break;
      try {
        outcomes[job.name] = await runJobIfDue(db, job, owner, now());
        if (outcomes[job.name] === 'ran' || outcomes[job.name] === 'busy')
          jobRunsMetric.inc({ job: job.name, outcome: outcomes[job.name] });
      } catch (error) {
        jobRunsMetric.inc({ job: job.name, outcome: 'failed' });
        log(`scheduler: ${job.name} failed: ${errorText(error)}`);
      }
    }
    return outcomes;
  }

  return pollLoop(tick, () => intervalMs);
}
