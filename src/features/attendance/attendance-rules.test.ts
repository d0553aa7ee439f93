import { describe, expect, it } from 'vitest';
import { attendanceOpen, attendanceOpensAt, attendanceStatusOf, matchesQuery, statusAllowed } from './attendance-rules';

describe('attendanceOpen', () => {
  // 10:00 in Paris (summer time) on 28 March 2027.
  const start = Date.UTC(2027, 2, 28, 8);
  it('opens at midnight, Paris time, on the day of the session and stays open', () => {
    const midnight = Date.UTC(2027, 2, 27, 23);
    expect(attendanceOpensAt(start)).toBe(midnight);
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, midnight - 1)).toBe(false);
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, midnight)).toBe(true);
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, start + 86_400_000)).toBe(true);
  });
  it('never for a cancelled session', () => expect(attendanceOpen({ startsAt: start, status: 'cancelled' }, start)).toBe(false));
});

describe('attendanceStatusOf', () => {
  it('keeps a status that agrees with the present flag', () => {
    expect(attendanceStatusOf(true, 'late')).toBe('late');
    expect(attendanceStatusOf(false, 'excused')).toBe('excused');
  });
  it('reads a bare present flag as present or absent', () => {
    expect(attendanceStatusOf(false, 'present')).toBe('absent');
    expect(attendanceStatusOf(true, null)).toBe('present');
    expect(attendanceStatusOf(null, null)).toBe(null);
  });
});

describe('statusAllowed', () => {
  const session = { startsAt: Date.UTC(2027, 2, 28, 8) };
  it('says absent only once the session has started', () => {
    expect(statusAllowed('absent', session, session.startsAt - 1)).toBe(false);
    expect(statusAllowed('absent', session, session.startsAt)).toBe(true);
    expect(statusAllowed('excused', session, session.startsAt - 86_400_000)).toBe(true);
  });
});

describe('matchesQuery', () => {
  const amina = { firstName: 'Amina', lastName: 'Benali-Hamidi', code: 'K7PQ2M' };
  it('finds by the start of any name, accents and case ignored', () => {
    expect(matchesQuery(amina, 'ami')).toBe(true);
    expect(matchesQuery(amina, 'HAMIDI')).toBe(true);
    expect(matchesQuery(amina, 'ami ben')).toBe(true);
    expect(matchesQuery({ ...amina, firstName: 'Élodie' }, 'elo')).toBe(true);
    expect(matchesQuery(amina, 'lina')).toBe(false);
  });
  it('finds by booking code typed any way', () => {
    expect(matchesQuery(amina, 'k7p')).toBe(true);
    expect(matchesQuery(amina, 'K7P Q2M')).toBe(true);
    expect(matchesQuery(amina, 'k7p-q2')).toBe(true);
    expect(matchesQuery(amina, 'Q2M')).toBe(false);
  });
  it('an empty search shows everyone', () => expect(matchesQuery(amina, '  ')).toBe(true));
});
