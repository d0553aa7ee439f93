import { describe, expect, it } from 'vitest';
import { isIsoWeek, isoWeekOf, mondayOf, previousIsoWeek } from './iso-week';

describe('ISO weeks', () => {
  it('names the week of a date, across year ends', () => {
    expect(isoWeekOf('2027-03-29')).toBe('2027-W13');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-12-27')).toBe('2026-W52');
  });

  it('finds the Monday that starts a week, and the week before', () => {
    expect(mondayOf('2027-W13')).toBe('2027-03-29');
    expect(mondayOf('2025-W01')).toBe('2024-12-30');
    expect(mondayOf('2026-W53')).toBe('2026-12-28');
    expect(previousIsoWeek('2025-W01')).toBe('2024-W52');
  });

  it('accepts only weeks that exist', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2027-W53')).toBe(false);
    expect(isIsoWeek('2027-W00')).toBe(false);
    expect(isIsoWeek('2027-13')).toBe(false);
  });
});
