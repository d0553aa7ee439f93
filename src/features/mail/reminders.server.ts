// The reminders two days and one day before a session: once a day (after `hour` in Paris),
// queue one for every confirmed booking of the sessions held the day after tomorrow and of
// those held tomorrow. The outbox's dedupe keys (reminder:<registration>:<start>, with `:j-2`
// for the first) keep it to one of each per booking, even across instances; a session moved
// to another day is reminded of again.
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import type { Db } from '~/platform/db/db.server';
import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { registrations, sessionDates, sessions } from '~db/schema';
import { messageKind, queueRegistrationMessages } from './outbox/enqueue.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

export type ReminderDaysBefore = 1 | 2;

// Queues the reminder `daysBefore` for the sessions held on `day` (a Paris date, YYYY-MM-DD).
export async function queueRemindersFor(db: Db, day: string, { daysBefore = 1 }: { daysBefore?: ReminderDaysBefore } = {}) {
  const from = parisLocalToUtc(day, '00:00');
  const to = parisLocalToUtc(addDays(day, 1), '00:00');
  if (from === null || to === null) throw new Error(`Not a date: ${day}`);
  const heldThatDay = and(
    eq(registrations.status, 'confirmed'),
    eq(sessions.status, 'scheduled'),
    gte(sessions.startsAt, from),
    lt(sessions.startsAt, to),
  );
  // The day-before key is the one reminders always had, so none is sent twice across an upgrade.
  const tag = daysBefore === 1 ? undefined : `j-${daysBefore}`;
  const result = await queueRegistrationMessages(db, messageKind('reminder'), heldThatDay, {}, { dedupeTag: tag });
  return result.rowsAffected + (await queueCourseDateReminders(db, from, to, tag));
}

// The later dates of courses held that day (a course's first date is its session's start,
// reminded of above): one reminder per booking and date, its key naming the date.
async function queueCourseDateReminders(db: Db, from: number, to: number, tag: string | undefined) {
  const dates = await db
    .select({ id: sessionDates.id, sessionId: sessionDates.sessionId })
    .from(sessionDates)
    .innerJoin(sessions, eq(sessions.id, sessionDates.sessionId))
    .where(
      and(
        eq(sessionDates.status, 'scheduled'),
        eq(sessions.status, 'scheduled'),
        gte(sessionDates.startsAt, from),
        lt(sessionDates.startsAt, to),
        ne(sessionDates.startsAt, sessions.startsAt),
      ),
    );
  let queued = 0;
  for (const date of dates) {
    const booked = and(eq(registrations.sessionId, date.sessionId), eq(registrations.status, 'confirmed'));
    const dedupeTag = tag ? `d${date.id}:${tag}` : `d${date.id}`;
    queued += (await queueRegistrationMessages(db, messageKind('reminder'), booked, { dateId: date.id }, { dedupeTag })).rowsAffected;
  }
  return queued;
}

export function reminderJob({ hour = 10 } = {}): ScheduledJob {
  return {
    name: 'reminders',
    // The period is the day the reminders are sent; they are about the days after.
    period(now) {
      const { date, time } = utcToParisLocal(now);
      return Number(time.slice(0, 2)) >= hour ? date : null;
    },
    async run(db, period) {
      const twoDaysBefore = await queueRemindersFor(db, addDays(period, 2), { daysBefore: 2 });
      const dayBefore = await queueRemindersFor(db, addDays(period, 1), { daysBefore: 1 });
      return { queued: twoDaysBefore + dayBefore, twoDaysBefore, dayBefore };
    },
  };
}
