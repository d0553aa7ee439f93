// Jobs that run once per period (a day's reminders, an hour's clean-up) in whichever instance
// gets there first: a lease row in `job_leases` keeps two instances from running one job at
// once, and a row in `job_runs` marks a period as done.
import type { Db } from '~/platform/db/db.server';
import { pollLoop } from './poll-loop';

export interface ScheduledJob {
  name: string;
  // The period a run now would cover (e.g. "2027-03-27"), or null when it is not time yet.
  period(now: number): string | null;
  run(db: Db, period: string, now: number): Promise<Record<string, unknown>>;
}

export type JobOutcome = 'ran' | 'not-due' | 'done' | 'busy';

async function acquireLease(db: Db, name: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
  const rs = await db.$client.execute({
    sql: `insert into job_leases (name, owner, lease_until) values (?, ?, ?)
          on conflict (name) do update set owner = excluded.owner, lease_until = excluded.lease_until
          where job_leases.lease_until < ? or job_leases.owner = excluded.owner`,
    args: [name, owner, now + leaseMs, now],
  });
  return rs.rowsAffected === 1;
}

async function releaseLease(db: Db, name: string, owner: string) {
  await db.$client.execute({ sql: 'update job_leases set lease_until = 0 where name = ? and owner = ?', args: [name, owner] });
}

async function periodDone(db: Db, job: string, period: string): Promise<boolean> {
  const rs = await db.$client.execute({ sql: 'select 1 from job_runs where job = ? and period = ?', args: [job, period] });
  return rs.rows.length > 0;
}

export async function runJobIfDue(db: Db, job: ScheduledJob, owner: string, now: number, leaseMs = 10 * 60_000): Promise<JobOutcome> {
  const period = job.period(now);
  if (period === null) return 'not-due';
  if (await periodDone(db, job.name, period)) return 'done';
  if (!(await acquireLease(db, job.name, owner, now, leaseMs))) return 'busy';
  try {
    // Another instance may have finished this period between the check and the lease.
    if (await periodDone(db, job.name, period)) return 'done';
    const result = await job.run(db, period, now);
    await db.$client.execute({
      sql: 'insert into job_runs (job, period, ran_at, result) values (?, ?, ?, ?) on conflict do nothing',
      args: [job.name, period, now, JSON.stringify(result)],
    });
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
  const { jobs, owner, intervalMs = 60_000, now = Date.now, log = (line: string) => console.error(line) } = options;

  async function tick(stopping: () => boolean) {
    const outcomes: Record<string, JobOutcome> = {};
    for (const job of jobs) {
      if (stopping()) break;
      try {
        outcomes[job.name] = await runJobIfDue(db, job, owner, now());
      } catch (error) {
        log(`scheduler: ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return outcomes;
  }

  return pollLoop(tick, () => intervalMs);
}
