// The scheduler and the reminder job: once per period, in one instance at a time, with a
// controllable clock.
import { describe, expect, it } from 'vitest';
import { parisLocalToUtc } from '~/platform/text/dates';
import { reminderJob } from '~/features/mail/reminders.server';
import { createScheduler, runJobIfDue, type ScheduledJob } from '~/platform/jobs/scheduler.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { testCity } from '../helpers/portal';
import { book } from '../helpers/mail';
import { createSession } from '../helpers/world';

const city = testCity();

const at = (date: string, time: string) => parisLocalToUtc(date, time)!;

async function reminders() {
  const rs = await city.db.$client.execute(`select recipient from outbox where kind = 'reminder' order by recipient`);
  return rs.rows.map((r) => r.recipient);
}

describe('the reminder job', () => {
  it('queues, after 10:00, one reminder per confirmed booking of the next day and of the day after', async () => {
    const bookedAt = at('2027-06-01', '12:00');
    const tomorrowMorning = await createSession(city.db, { startsAt: at('2027-06-15', '09:00'), capacity: 1 });
    const tomorrowLate = await createSession(city.db, { startsAt: at('2027-06-15', '23:30'), durationMinutes: 20 });
    const dayAfter = await createSession(city.db, { startsAt: at('2027-06-16', '09:00') });
    await book(city.db, tomorrowMorning, { email: 'morning@example.fr' }, bookedAt);
    await book(city.db, tomorrowMorning, { email: 'waitlisted@example.fr' }, bookedAt);
    await book(city.db, tomorrowLate, { email: 'late@example.fr' }, bookedAt);
    const gone = await book(city.db, tomorrowLate, { email: 'gone@example.fr' }, bookedAt);
    await cancelRegistration(city.db, gone.registration, { kind: 'manage-link' }, {}, bookedAt);
    await book(city.db, dayAfter, { email: 'dayafter@example.fr' }, bookedAt);

    const job = reminderJob();
    expect(await runJobIfDue(city.db, job, 'a', at('2027-06-14', '09:59'))).toBe('not-due');
    expect(await runJobIfDue(city.db, job, 'a', at('2027-06-14', '10:00'))).toBe('ran');
    expect(await reminders()).toEqual(['dayafter@example.fr', 'late@example.fr', 'morning@example.fr']);
    expect(await runJobIfDue(city.db, job, 'b', at('2027-06-14', '18:00'))).toBe('done');
    const run = await city.db.$client.execute(`select result from job_runs where job = 'reminders' and period = '2027-06-14'`);
    expect(JSON.parse(String(run.rows[0]!.result))).toEqual({ queued: 3, twoDaysBefore: 1, dayBefore: 2 });
  });

  it('runs once when two instances reach it together', async () => {
    let runs = 0;
    const slow: ScheduledJob = {
      name: 'slow',
      period: () => 'p1',
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        return {};
      },
    };
    const outcomes = await Promise.all(['a', 'b', 'c'].map((owner) => runJobIfDue(city.db, slow, owner, Date.now())));
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ran').every((o) => o === 'busy' || o === 'done')).toBe(true);
  });

  it('lets another instance take a job whose lease has run out', async () => {
    const job: ScheduledJob = { name: 'crashy', period: () => 'p1', run: async () => ({}) };
    await city.db.$client.execute({
      sql: `insert into job_leases (name, owner, lease_until) values ('crashy', 'dead', ?)`,
      args: [Date.now() + 60_000],
    });
    expect(await runJobIfDue(city.db, job, 'alive', Date.now())).toBe('busy');
    expect(await runJobIfDue(city.db, job, 'alive', Date.now() + 120_000)).toBe('ran');
  });

  it('runs on its own timer and stops cleanly', async () => {
    let runs = 0;
    const job: ScheduledJob = { name: 'ticking', period: (now) => String(Math.floor(now / 20)), run: async () => ({ n: ++runs }) };
    const scheduler = createScheduler(city.db, { jobs: [job], owner: 'timer', intervalMs: 25 });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 200));
    await scheduler.stop();
    const after = runs;
    expect(after).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(after);
  });
});
