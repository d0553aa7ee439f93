import { describe, expect, it } from 'vitest';
import { datePosition, defaultDoorDate, doorDateOf, type DoorDate } from './door-date';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 8 December 2026, 18:00 in Paris (17:00 UTC), then a week apart.
const first = Date.UTC(2026, 11, 1, 17);
const dates: DoorDate[] = [0, 1, 2].map((i) => ({
  id: 10 + i,
  startsAt: first + i * 7 * DAY,
  endsAt: first + i * 7 * DAY + 2 * HOUR,
  status: 'scheduled',
}));

describe('the date the door page opens on', () => {
  it("is today's date from the morning of its day", () => {
    expect(defaultDoorDate(dates, dates[1]!.startsAt - 10 * HOUR)?.id).toBe(11);
    expect(defaultDoorDate(dates, dates[1]!.startsAt + HOUR)?.id).toBe(11);
  });

  it('is the last one open between dates, the first before any, the last after all', () => {
    expect(defaultDoorDate(dates, dates[1]!.startsAt + 2 * DAY)?.id).toBe(11);
    expect(defaultDoorDate(dates, first - 3 * DAY)?.id).toBe(10);
    expect(defaultDoorDate(dates, dates[2]!.startsAt + 30 * DAY)?.id).toBe(12);
  });

  it('skips a cancelled date, and takes the one asked for when it is of the course', () => {
    const cancelled = dates.map((d) => (d.id === 11 ? { ...d, status: 'cancelled' as const } : d));
    expect(defaultDoorDate(cancelled, dates[1]!.startsAt)?.id).toBe(10);
    expect(doorDateOf(dates, '12', first)?.id).toBe(12);
    expect(doorDateOf(dates, '999', first)?.id).toBe(10);
    expect(datePosition(cancelled, cancelled[2]!)).toEqual({ n: 2, of: 2 });
    expect(datePosition(cancelled, cancelled[1]!)).toBeNull();
  });
});
