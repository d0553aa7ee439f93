// What the trainer home shows, read once: the sessions of this person split by what they do
// next (today, tomorrow, to watch, the rest filtered and paginated).
import { and, inArray, isNull } from 'drizzle-orm';
import { notices } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { untoldOfSession } from '~/features/notices/notices.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import { managedSessions, PAST_DAYS, sessionScope } from './managed-sessions.server';
import { noShowRates, scopeWhere } from '~/features/attendance/no-show-rates.server';
import type { SessionView } from './sessions.server';
import { dayOf, filterSessions, groupByWeek, paginate, watchReasons, type HomeFilters } from './trainer-home';

// Sessions with someone a change could not reach and nobody has called yet. Few sessions
// ever have notices, so the (per-session) reach is only worked out for those.
async function sessionsWithUntold(db: Db, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const candidates = await db
    .selectDistinct({ id: notices.sessionId })
    .from(notices)
    .where(and(inArray(notices.sessionId, ids), isNull(notices.calledAt)));
  const found = await Promise.all(
    candidates.map(async ({ id }) => ((await untoldOfSession(db, id)).some((n) => n.calledAt === null) ? id : null)),
  );
  return new Set(found.filter((id): id is number => id !== null));
}

export async function trainerHome(db: Db, user: SessionUser, filters: HomeFilters, page: number, now = Date.now()) {
  const midnight = parisLocalToUtc(utcToParisLocal(now).date, '00:00') ?? now;
  const [all, noShows] = await Promise.all([
    managedSessions(db, user, { from: midnight }, now),
    noShowRates(db, now - PAST_DAYS * 86_400_000, now, scopeWhere(sessionScope(user))),
  ]);
  const assigns = user.role !== 'trainer';
  const today = all.filter((s) => dayOf(s, now) === 'today');
  const tomorrow = all.filter((s) => dayOf(s, now) === 'tomorrow');
  const upcoming = all.filter((s) => s.endsAt > now);
  const untold = await sessionsWithUntold(
    db,
    upcoming.map((s) => s.id),
  );
  const watch = upcoming
    .map((session) => ({
      session,
      reasons: [...watchReasons(session, now, { assigns }), ...(untold.has(session.id) ? (['untold'] as const) : [])],
    }))
    .filter((w) => w.reasons.length > 0);
  const filtered = filterSessions(upcoming, filters, now, { assigns });
  const paged = paginate(filtered, page);
  const schools = new Map<string, string>();
  for (const s of upcoming) if (s.school) schools.set(s.school.uai, s.school.name);
  return {
    today,
    tomorrow,
    watch,
    noShows,
    total: filtered.length,
    weeks: groupByWeek<SessionView>(paged.items),
    page: paged.page,
    pages: paged.pages,
    schools: [...schools].map(([uai, name]) => ({ uai, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}
