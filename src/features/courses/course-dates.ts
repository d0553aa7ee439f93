// Courses ("parcours"): one session held over several dates and booked once. The rules on
// the dates themselves, with no I/O: what a list of dates must be, and the span it gives
// the session (its startsAt/endsAt, which the JSON API keeps as first start / last end).
import { z } from 'zod';
import { checkTimes, fieldErrors, instant, MAX_WEEKS } from '~/features/sessions/session-input';
import type { FieldErrors } from '~/features/registration/registration-input';

export interface CourseDate {
  id: number;
  startsAt: number;
  endsAt: number;
  status: 'scheduled' | 'cancelled';
}

export type NewDate = Pick<CourseDate, 'startsAt' | 'endsAt'>;

// As many dates as a weekly series may have: a term's worth.
export const MAX_DATES = MAX_WEEKS;

const datesBody = z
  .array(z.object({ startsAt: instant, endsAt: instant }), { error: 'courses.errors.dates' })
  .min(2, { error: 'courses.errors.dates' })
  .max(MAX_DATES, { error: 'courses.errors.tooManyDates' });

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

// The `dates` of POST /api/v1/sessions: two or more, each a valid slot in the future, none
// overlapping another; given in any order, kept in time order.
export function parseCourseDates(raw: unknown, now = Date.now()): Parsed<NewDate[]> {
  const result = datesBody.safeParse(raw);
  if (!result.success) return { ok: false, errors: { dates: fieldErrors(result.error.issues).dates ?? 'courses.errors.dates' } };
  const dates = [...result.data].sort((a, b) => a.startsAt - b.startsAt);
  for (const d of dates) {
    const errors = checkTimes(d.startsAt, d.endsAt, now);
    if (Object.keys(errors).length) return { ok: false, errors: { dates: Object.values(errors)[0]! } };
  }
  if (overlapping(dates)) return { ok: false, errors: { dates: 'courses.errors.overlap' } };
  return { ok: true, value: dates };
}

export function overlapping(dates: NewDate[]): boolean {
  const sorted = [...dates].sort((a, b) => a.startsAt - b.startsAt);
  return sorted.some((d, i) => i > 0 && d.startsAt < sorted[i - 1]!.endsAt);
}

// The session's own start and end: the first start and the last end of its dates still held
// (all of them when every date is cancelled, so the session keeps a place in time).
export function courseSpan(dates: (NewDate & { status?: string })[]): NewDate {
  const held = dates.filter((d) => d.status !== 'cancelled');
  const counted = held.length ? held : dates;
  return { startsAt: Math.min(...counted.map((d) => d.startsAt)), endsAt: Math.max(...counted.map((d) => d.endsAt)) };
}

// A weekly series as dates: each start with the same duration.
export function seriesDates(starts: number[], durationMs: number): NewDate[] {
  return starts.map((startsAt) => ({ startsAt, endsAt: startsAt + durationMs }));
}

// Dates in time order, as stored JSON gives them (json_group_array keeps no order).
export function inOrder<T extends NewDate>(dates: T[] | null | undefined): T[] {
  return [...(dates ?? [])].sort((a, b) => a.startsAt - b.startsAt);
}

// A POST /api/v1/sessions body may give `dates` instead of `startsAt`/`endsAt`: the session's
// own times are then its first date's, for the checks the body goes through anyway.
export function courseBody(body: unknown, now = Date.now()): { body: unknown; dates?: Parsed<NewDate[]> } {
  if (body === null || typeof body !== 'object' || !('dates' in body) || (body as { dates?: unknown }).dates == null) return { body };
  const dates = parseCourseDates((body as { dates: unknown }).dates, now);
  if (!dates.ok) return { body, dates };
  const first = dates.value[0]!;
  return { body: { ...body, startsAt: new Date(first.startsAt).toISOString(), endsAt: new Date(first.endsAt).toISOString() }, dates };
}

interface Dated extends NewDate {
  dates?: CourseDate[];
}

// The date a message is about: the one a change named, else the session's own span (a
// single session), else the course's first date still held.
export function focusDate(session: Dated, dateId?: number | null): NewDate {
  const dates = inOrder(session.dates);
  const named = dateId != null ? dates.find((d) => d.id === dateId) : undefined;
  if (named) return named;
  return dates.find((d) => d.status !== 'cancelled') ?? dates[0] ?? session;
}
