// No-shows: the "on vous a manqué" message with the next dates, queued once per person after
// the session is over (right away when the trainer closes the call after the end, else by the
// hourly job), through the outbox on every channel the person gave, in their language.
import { and, asc, eq, gt, gte, inArray, lte, ne, notExists, or, sql } from 'drizzle-orm';
import { attendance, outbox, registrations, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { qualified } from '~/features/registration/seat-sql';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

const HOUR = 3_600_000;
// Long after the session a "we missed you" would be odd: the job looks two days back.
const FOLLOW_UP_WINDOW_MS = 48 * HOUR;

interface EndedSession {
  id: number;
  organisationId: number;
  trackId: number | null;
  title: string;
  audience: 'parent' | 'teacher';
}

// The next dates of the same workshop (its track, or its title without one), soonest first.
export async function nextDates(db: Db, s: EndedSession, now: number) {
  return db
    .select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, venueName: sessions.venueName })
    .from(sessions)
    .where(
      and(
        eq(sessions.organisationId, s.organisationId),
        eq(sessions.status, 'scheduled'),
        gt(sessions.startsAt, now),
        ne(sessions.id, s.id),
        s.trackId === null ? eq(sessions.title, s.title) : or(eq(sessions.trackId, s.trackId), eq(sessions.title, s.title)),
      ),
    )
    .orderBy(asc(sessions.startsAt))
    .limit(3);
}

const absentHere = sql`exists (select 1 from ${attendance} where ${attendance.registrationId} = ${qualified(registrations.id)}
    and ${attendance.present} = 0 and ${attendance.status} = 'absent')`;

// One statement: a message for every confirmed booking of the session marked absent (the
// outbox's dedupe key keeps it to one per person, however often this runs).
export function missedYouStatement(db: Db, s: Pick<EndedSession, 'id'>, next: Awaited<ReturnType<typeof nextDates>>) {
  const where = and(eq(registrations.sessionId, s.id), eq(registrations.status, 'confirmed'), absentHere);
  return queueRegistrationMessages(db, messageKind('missed-you'), where, { nextDates: next });
}

// A "missed you" still waiting is withdrawn once the person is no longer absent (the mark
// undone, or corrected to present, late or excused): given up as the outbox gives up what
// must not go (`failed`, with the reason), never deleted, and one already sent is left alone.
// Runs after the mark in the same batch, so it sees the mark just written.
export function withdrawMissedYouStatement(db: Db, registrationId: number) {
  const stillAbsent = db
    .select({ one: sql`1` })
    .from(attendance)
    .where(
      and(eq(attendance.registrationId, qualified(outbox.registrationId)), eq(attendance.present, false), eq(attendance.status, 'absent')),
    );
  return db
    .update(outbox)
    .set({ status: 'failed', lastError: MISSED_YOU_WITHDRAWN, leaseOwner: null, leaseUntil: null })
    .where(
      and(
        eq(outbox.registrationId, registrationId),
        eq(outbox.kind, messageKind('missed-you')),
        inArray(outbox.status, ['pending', 'held']),
        notExists(stillAbsent),
      ),
    );
}

export const MISSED_YOU_WITHDRAWN = 'Retiré : la personne n’est plus notée absente';

const endedColumns = {
  id: sessions.id,
  organisationId: sessions.organisationId,
  trackId: sessions.trackId,
  title: sessions.title,
  audience: sessions.audience,
};

// Parents only: teachers' attendance is their training record, followed up by the Drane.
export async function queueMissedYou(db: Db, now = Date.now()): Promise<number> {
  const ended = await db
    .select(endedColumns)
    .from(sessions)
    .where(
      and(
        eq(sessions.status, 'scheduled'),
        eq(sessions.audience, 'parent'),
        lte(sessions.endsAt, now),
        gte(sessions.endsAt, now - FOLLOW_UP_WINDOW_MS),
      ),
    );
  let queued = 0;
  for (const s of ended) queued += (await missedYouStatement(db, s, await nextDates(db, s, now))).rowsAffected;
  return queued;
}

export const missedYouJob: ScheduledJob = {
  name: 'missed-you',
  period: (now) => new Date(now).toISOString().slice(0, 13),
  run: async (db, _period, now) => ({ queued: await queueMissedYou(db, now) }),
};
