import { describe, expect, it } from 'vitest';
import { dayOf, filterSessions, groupByWeek, homeFilters, paginate, watchReasons, weekOf, type HomeSession } from './trainer-home';

const HOUR = 3_600_000;
// Tuesday 1 December 2026, 10:00 in Paris.
const now = Date.UTC(2026, 11, 1, 9);
const session = (over: Partial<HomeSession> = {}): HomeSession => ({
  id: 1,
  capacity: 10,
  confirmedSeats: 4,
  waitlistLength: 0,
  startsAt: now + 2 * HOUR,
  endsAt: now + 4 * HOUR,
  status: 'scheduled',
  trainerId: 7,
  school: { uai: '0130001A', name: 'Belsunce' },
  ...over,
});

describe('dayOf', () => {
  it('puts a session on today, tomorrow or neither, on a Paris calendar', () => {
    expect(dayOf(session(), now)).toBe('today');
    expect(dayOf(session({ startsAt: now - HOUR }), now)).toBe('today');
    expect(dayOf(session({ startsAt: now + 24 * HOUR }), now)).toBe('tomorrow');
    expect(dayOf(session({ startsAt: now + 48 * HOUR }), now)).toBe(null);
    expect(dayOf(session({ status: 'cancelled' }), now)).toBe(null);
  });
});

describe('watchReasons', () => {
  it('adds "no trainer" only for those who assign trainers', () => {
    const s = session({ trainerId: null, startsAt: now + 10 * 24 * HOUR });
    expect(watchReasons(s, now)).toEqual([]);
    expect(watchReasons(s, now, { assigns: true })).toEqual(['no-trainer']);
    expect(watchReasons(session({ confirmedSeats: 10, waitlistLength: 2 }), now)).toContain('full');
  });
});

describe('weeks, filters and pages', () => {
  it('groups by the Monday of the Paris week', () => {
    expect(weekOf(now)).toBe('2026-11-30');
    const list = [session({ id: 1 }), session({ id: 2, startsAt: now + 24 * HOUR }), session({ id: 3, startsAt: now + 7 * 24 * HOUR })];
    expect(groupByWeek(list).map((g) => [g.week, g.sessions.map((s) => s.id)])).toEqual([
      ['2026-11-30', [1, 2]],
      ['2026-12-07', [3]],
    ]);
  });
  it('filters by date, school and status', () => {
    const list = [
      session({ id: 1 }),
      session({ id: 2, school: null, startsAt: now + 9 * 24 * HOUR }),
      session({ id: 3, status: 'cancelled' }),
    ];
    expect(filterSessions(list, { from: '2026-12-05' }, now).map((s) => s.id)).toEqual([2]);
    expect(filterSessions(list, { school: '0130001A' }, now).map((s) => s.id)).toEqual([1, 3]);
    expect(filterSessions(list, { status: 'cancelled' }, now).map((s) => s.id)).toEqual([3]);
  });
  it('reads only well-formed filters', () => {
    expect(homeFilters(new URLSearchParams('du=2026-12-05&ecole=0130001A&statut=attention'))).toEqual({
      from: '2026-12-05',
      school: '0130001A',
      status: 'attention',
    });
    expect(homeFilters(new URLSearchParams('du=demain&ecole=x&statut=tout'))).toEqual({});
  });
  it('pages, keeping the page number in range', () => {
    const list = Array.from({ length: 45 }, (_, i) => i);
    expect(paginate(list, 1)).toMatchObject({ page: 1, pages: 3, items: list.slice(0, 20) });
    expect(paginate(list, 9)).toMatchObject({ page: 3, items: list.slice(40) });
    expect(paginate([], 2)).toMatchObject({ page: 1, pages: 1, items: [] });
  });
});
