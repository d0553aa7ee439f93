// Attendance at the door: when the sheet opens, what a mark says, and finding someone by name
// or booking code.
import type { AttendanceStatus } from '~db/schema';
import { parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import { normaliseBookingCode } from '~/platform/text/tokens';

// The sheet opens on the morning of the session's day (Paris time), so a trainer can check the
// list on the way, and stays open after, so it can also be filled in from a paper list later.
export function attendanceOpensAt(startsAt: number): number {
  return parisLocalToUtc(utcToParisLocal(startsAt).date, '00:00') ?? startsAt;
}

export function attendanceOpen(session: { startsAt: number; status: string }, now = Date.now()): boolean {
  return session.status === 'scheduled' && now >= attendanceOpensAt(session.startsAt);
}

// `present` is what readiness and reach count; the status says more. A row written with only
// `present` (older rows, imports) reads as present or absent.
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['present', 'late'];

export function isPresentStatus(status: AttendanceStatus): boolean {
  return PRESENT_STATUSES.includes(status);
}

export function attendanceStatusOf(present: boolean | null, status: AttendanceStatus | null): AttendanceStatus | null {
  if (present === null) return null;
  if (status && isPresentStatus(status) === present) return status;
  return present ? 'present' : 'absent';
}

// "Absent" is a no-show: it can only be said once the session has started (before, someone
// who warns us is "excused").
export function statusAllowed(status: AttendanceStatus, session: { startsAt: number }, now = Date.now()): boolean {
  return status !== 'absent' || now >= session.startsAt;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export interface Findable {
  firstName: string | null;
  lastName: string | null;
  code: string;
}

// Every word typed must start a word of the name ("ami ben" finds Amina Benali), or the
// query is the start of the booking code, typed any way ("abc-d", "abc d2k").
export function matchesQuery(person: Findable, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  const code = normaliseBookingCode(query.trim());
  if (code.length >= 3 && /^[A-Z0-9]+$/.test(code) && person.code.startsWith(code)) return true;
  const words = fold(`${person.firstName ?? ''} ${person.lastName ?? ''}`).split(' ');
  return q.split(' ').every((part) => words.some((w) => w.startsWith(part)));
}
