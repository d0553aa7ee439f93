import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDay,
  formatDayTime,
  formatSessionWhen,
  joinDateParts,
  formatTime,
  parisDate,
  parisLocalToUtc,
  parisOffsetMinutes,
  toParisIso,
  utcToParisLocal,
} from './dates';

describe('Paris time across daylight saving', () => {
  it('28 March 2027, 10:00 in Paris is 08:00Z (summer time began that night)', () => {
    expect(parisLocalToUtc('2027-03-28', '10:00')).toBe(Date.UTC(2027, 2, 28, 8, 0));
    expect(parisLocalToUtc('2027-03-27', '10:00')).toBe(Date.UTC(2027, 2, 27, 9, 0));
  });
  it('31 October 2027, 10:00 in Paris is 09:00Z (back to winter time)', () => {
    expect(parisLocalToUtc('2027-10-31', '10:00')).toBe(Date.UTC(2027, 9, 31, 9, 0));
  });
  it('knows the offset on each side', () => {
    expect(parisOffsetMinutes(Date.UTC(2027, 0, 15, 12))).toBe(60);
    expect(parisOffsetMinutes(Date.UTC(2027, 6, 15, 12))).toBe(120);
  });
  it('writes ISO 8601 with the offset', () => {
    expect(toParisIso(Date.UTC(2027, 2, 28, 8, 0))).toBe('2027-03-28T10:00:00+02:00');
    expect(toParisIso(Date.UTC(2026, 11, 8, 13, 0))).toBe('2026-12-08T14:00:00+01:00');
  });
  it('round-trips form fields', () => {
    expect(utcToParisLocal(Date.UTC(2027, 2, 28, 8, 0))).toEqual({ date: '2027-03-28', time: '10:00' });
  });
  it('takes the hour the clocks skip as the next one, and the hour they repeat as the winter one', () => {
    expect(parisLocalToUtc('2027-03-28', '02:30')).toBe(Date.UTC(2027, 2, 28, 1, 30));
    expect(parisLocalToUtc('2027-10-31', '02:30')).toBe(Date.UTC(2027, 9, 31, 1, 30));
  });
  it('reads an instant on a Paris clock, whatever the server zone', () => {
    const d = parisDate(Date.UTC(2027, 2, 28, 8, 0));
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 2, 28, 10, 0]);
  });
  it('adds calendar days, across a month, a year and a clock change', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-10-31', -1)).toBe('2027-10-30');
    expect(addDays('2027-12-28', 7)).toBe('2028-01-04');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
  it('refuses impossible dates', () => {
    expect(parisLocalToUtc('2027-02-30', '10:00')).toBeNull();
    expect(parisLocalToUtc('2027-13-01', '10:00')).toBeNull();
    expect(parisLocalToUtc('2027-01-01', '25:00')).toBeNull();
  });
});

describe('dates in words', () => {
  const now = Date.UTC(2026, 10, 29);
  it('writes "mardi 8 décembre, 14 h – 16 h"', () => {
    expect(formatSessionWhen(Date.UTC(2026, 11, 8, 13), Date.UTC(2026, 11, 8, 15), 'fr', now)).toBe(
      'mardi 8 décembre, 14\u00a0h – 16\u00a0h',
    );
  });
  it('keeps minutes and adds the year when it is not this year', () => {
    expect(formatSessionWhen(Date.UTC(2027, 2, 28, 8, 30), Date.UTC(2027, 2, 28, 10), 'fr', now)).toBe(
      'dimanche 28 mars 2027, 10\u00a0h\u00a030 – 12\u00a0h',
    );
  });
  it('uses Paris time on both sides of the change', () => {
    expect(formatTime(Date.UTC(2027, 2, 27, 9), 'fr')).toBe('10\u00a0h');
    expect(formatTime(Date.UTC(2027, 2, 28, 8), 'fr')).toBe('10\u00a0h');
  });
});

describe('dates in Arabic', () => {
  const now = Date.UTC(2026, 10, 29);
  const start = Date.UTC(2026, 11, 3, 7, 45);
  const end = Date.UTC(2026, 11, 3, 9, 45);
  const lines = () => [
    formatSessionWhen(start, end, 'ar', now),
    formatSessionWhen(Date.UTC(2027, 2, 28, 8, 30), Date.UTC(2027, 2, 28, 10), 'ar', now),
    formatDayTime(start, 'ar', now),
    joinDateParts([formatSessionWhen(start, end, 'ar', now), 'École Belsunce'], 'ar'),
  ];
  it('writes "الخميس، 3 ديسمبر، 8:45 ص – 10:45 ص" with Arabic commas only', () => {
    expect(formatSessionWhen(start, end, 'ar', now)).toBe('الخميس، 3 ديسمبر، \u20688:45 ص – 10:45 ص\u2069');
    for (const line of lines()) {
      expect(line).not.toContain(',');
      expect(line).toContain('\u060c');
    }
  });
  it('keeps Latin digits (the numbering Maghreb readers use) even with the year', () => {
    for (const line of lines()) expect(line).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    expect(formatSessionWhen(Date.UTC(2027, 2, 28, 8, 30), Date.UTC(2027, 2, 28, 10), 'ar', now)).toContain('28 مارس 2027');
  });
  it('writes "day, time" with the language comma', () => {
    expect(formatDayTime(Date.UTC(2026, 11, 8, 13), 'fr', now)).toBe('mardi 8 décembre, 14\u00a0h');
    expect(formatDayTime(Date.UTC(2026, 11, 8, 13), 'en', now)).toBe('Tuesday 8 December, 14:00');
    expect(formatDayTime(Date.UTC(2026, 11, 8, 13), 'ar', now)).toBe('الثلاثاء، 8 ديسمبر، 2:00 م');
  });
  it('writes the first of the month as an ordinal in French only', () => {
    expect(formatDay(Date.UTC(2026, 11, 1, 13), 'fr', now)).toBe('mardi 1er décembre');
    expect(formatDay(Date.UTC(2026, 11, 11, 13), 'fr', now)).toBe('vendredi 11 décembre');
    expect(formatDay(Date.UTC(2026, 11, 1, 13), 'en', now)).toBe('Tuesday 1 December');
  });
});
