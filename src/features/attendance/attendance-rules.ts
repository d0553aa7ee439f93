// Attendance at the door: when the sheet opens, and finding someone by name or booking code.
import { normaliseBookingCode } from '~/platform/text/tokens';

// People arrive early; the sheet opens half an hour before the start and stays open after,
// so a trainer can also fill it in from a paper list the next day.
export const ATTENDANCE_OPENS_BEFORE_MS = 30 * 60 * 1000;

export function attendanceOpensAt(startsAt: number): number {
  return startsAt - ATTENDANCE_OPENS_BEFORE_MS;
}

export function attendanceOpen(session: { startsAt: number; status: string }, now = Date.now()): boolean {
  return session.status === 'scheduled' && now >= attendanceOpensAt(session.startsAt);
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
