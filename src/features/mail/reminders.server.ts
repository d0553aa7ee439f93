// The reminder the day before a session: once a day (after `hour` in Paris), queue one for
// every confirmed booking of tomorrow's sessions. The outbox's dedupe key
// (reminder:<registration>:<start>) keeps it to one per booking, even across instances.
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import type { Db } from '~/platform/db/db.server';
import { and, eq, gte, lt } from 'drizzle-orm';
import { registrations, sessions } from '~db/schema';
import { messageKind, queueRegistrationMessages } from './outbox/enqueue.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

// Queues reminders for the sessions held on `day` (a Paris date, YYYY-MM-DD).
export async function queueRemindersFor(db: Db, day: string): Promise<number> {
  const from = parisLocalToUtc(day, '00:00');
  const to = parisLocalToUtc(addDays(day, 1), '00:00');
  if (from === null || to === null) throw new Error(`Not a date: ${day}`);
  const heldThatDay = and(
    eq(registrations.status, 'confirmed'),
    eq(sessions.status, 'scheduled'),
    gte(sessions.startsAt, from),
    lt(sessions.startsAt, to),
  );
  const result = await queueRegistrationMessages(db, messageKind('reminder'), heldThatDay);
  return result.rowsAffected;
}

export function reminderJob({ hour = 10 } = {}): ScheduledJob {
  return {
    name: 'reminders',
    // The period is the day the reminders are sent; they are about the day after.
    period(now) {
      const { date, time } = utcToParisLocal(now);
      return Number(time.slice(0, 2)) >= hour ? date : null;
    },
    async run(db, period) {
      return { queued: await queueRemindersFor(db, addDays(period, 1)) };
    },
  };
}
