import { describe, expect, it } from 'vitest';
import { parseSchoolYear, schoolYearOf, sumHours } from './school-year';

describe('school year', () => {
  it('runs from 1 September to 31 August, Paris time', () => {
    expect(schoolYearOf(Date.parse('2026-12-01T10:00:00Z')).label).toBe('2026-2027');
    expect(schoolYearOf(Date.parse('2027-08-31T21:30:00Z')).label).toBe('2026-2027'); // 23:30 in Paris, still August
    expect(schoolYearOf(Date.parse('2027-08-31T22:30:00Z')).label).toBe('2027-2028'); // 00:30 on 1 September in Paris
    const year = schoolYearOf(Date.parse('2027-03-01T00:00:00Z'));
    expect(new Date(year.from).toISOString()).toBe('2026-08-31T22:00:00.000Z');
    expect(new Date(year.to).toISOString()).toBe('2027-08-31T22:00:00.000Z');
  });

  it('reads a label only when its years follow each other', () => {
    expect(parseSchoolYear('2025-2026')?.label).toBe('2025-2026');
    expect(parseSchoolYear('2025-2027')).toBeNull();
    expect(parseSchoolYear('2025')).toBeNull();
  });

  it('sums hours without float noise', () => {
    expect(sumHours([0.1, 0.2, 1.5])).toBe(1.8);
  });
});
