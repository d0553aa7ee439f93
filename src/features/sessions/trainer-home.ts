// The trainer home, by what a trainer does next: today's and tomorrow's sessions first, the
// ones to keep an eye on, then the rest week by week, filtered and paginated.
import { addDays, parisDaysBetween, utcToParisLocal } from '~/platform/text/dates';
import { sessionAlerts, type SessionAlert, type SessionCounts } from './session-alerts';

export const HOME_PAGE_SIZE = 20;

export interface HomeSession extends SessionCounts {
  id: number;
  endsAt: number;
  trainerId: number | null;
  school: { uai: string; name: string } | null;
}

export type WatchReason = SessionAlert | 'no-trainer' | 'untold';

export interface HomeFilters {
  // A Paris date (YYYY-MM-DD): sessions on or after it.
  from?: string;
  school?: string;
  status?: 'scheduled' | 'cancelled' | 'attention';
}

// What needs doing about a session; "no trainer" only matters to whoever assigns trainers.
export function watchReasons(s: HomeSession, now: number, { assigns = false } = {}): WatchReason[] {
  const reasons: WatchReason[] = sessionAlerts(s, now);
  if (assigns && s.status === 'scheduled' && s.startsAt > now && s.trainerId === null) reasons.push('no-trainer');
  return reasons;
}

// Sessions of today (also those running or just over) and tomorrow, on a Paris calendar.
export function dayOf(s: HomeSession, now: number): 'today' | 'tomorrow' | null {
  if (s.status !== 'scheduled') return null;
  const days = parisDaysBetween(now, s.startsAt);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : null;
}

// Monday of the Paris week of an instant, as YYYY-MM-DD.
export function weekOf(ms: number): string {
  const { date } = utcToParisLocal(ms);
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function filterSessions<T extends HomeSession>(list: T[], f: HomeFilters, now: number, opts: { assigns?: boolean } = {}): T[] {
  return list.filter(
    (s) =>
      (!f.from || utcToParisLocal(s.startsAt).date >= f.from) &&
      (!f.school || s.school?.uai === f.school) &&
      (!f.status || (f.status === 'attention' ? watchReasons(s, now, opts).length > 0 : s.status === f.status)),
  );
}

export function groupByWeek<T extends HomeSession>(list: T[]): { week: string; sessions: T[] }[] {
  const groups: { week: string; sessions: T[] }[] = [];
  for (const s of list) {
    const week = weekOf(s.startsAt);
    const last = groups.at(-1);
    if (last?.week === week) last.sessions.push(s);
    else groups.push({ week, sessions: [s] });
  }
  return groups;
}

export function paginate<T>(list: T[], page: number, size = HOME_PAGE_SIZE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: list.slice((current - 1) * size, current * size), page: current, pages };
}

// The filters from the query string; anything unexpected is ignored.
export function homeFilters(params: URLSearchParams): HomeFilters {
  const from = params.get('du') ?? '';
  const school = params.get('ecole') ?? '';
  const status = params.get('statut') ?? '';
  return {
    from: /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : undefined,
    school: /^\d{7}[A-Z]$/.test(school) ? school : undefined,
    status: status === 'scheduled' || status === 'cancelled' || status === 'attention' ? status : undefined,
  };
}
