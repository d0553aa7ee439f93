import { describe, expect, it } from 'vitest';
import { attendanceOpen, matchesQuery } from './attendance-rules';

describe('attendanceOpen', () => {
  const start = Date.UTC(2027, 2, 28, 8);
  it('opens half an hour before the start and stays open', () => {
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, start - 31 * 60_000)).toBe(false);
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, start - 30 * 60_000)).toBe(true);
    expect(attendanceOpen({ startsAt: start, status: 'scheduled' }, start + 86_400_000)).toBe(true);
  });
  it('never for a cancelled session', () => expect(attendanceOpen({ startsAt: start, status: 'cancelled' }, start)).toBe(false));
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
