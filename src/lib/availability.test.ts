import { describe, expect, it } from 'vitest';
import { availability, fitsNow, haversineKm, promotableHead, seatsLeft, waitlistPosition } from './availability';

const future = { capacity: 10, status: 'scheduled', startsAt: Date.now() + 86_400_000 };

describe('seats', () => {
  it('never goes below zero', () => {
    expect(seatsLeft(10, 3)).toBe(7);
    expect(seatsLeft(10, 12)).toBe(0);
  });
  it('says open, almost full, waitlist or closed', () => {
    expect(availability(future, 0)).toBe('open');
    expect(availability(future, 8)).toBe('almost-full');
    expect(availability(future, 10)).toBe('waitlist');
    expect(availability({ ...future, status: 'cancelled' }, 0)).toBe('closed');
    expect(availability({ ...future, startsAt: Date.now() - 1 }, 0)).toBe('closed');
  });
  it('confirms a booking only when it fits and nobody waits', () => {
    expect(fitsNow(10, 8, 2, 0)).toBe(true);
    expect(fitsNow(10, 9, 2, 0)).toBe(false);
    expect(fitsNow(10, 0, 1, 1)).toBe(false);
  });
});

describe('waitlist', () => {
  const list = [{ id: 4, adults: 1 }, { id: 7, adults: 2 }, { id: 9, adults: 1 }];
  it('promotes the head of the list in arrival order while it fits', () => {
    expect(promotableHead(list, 1).map((e) => e.id)).toEqual([4]);
    expect(promotableHead(list, 3).map((e) => e.id)).toEqual([4, 7]);
    expect(promotableHead(list, 4).map((e) => e.id)).toEqual([4, 7, 9]);
  });
  it('does not let a later small booking jump a waiting family of two', () => {
    expect(promotableHead(list.slice(1), 1)).toEqual([]);
  });
  it('gives 1-based positions', () => {
    expect(waitlistPosition(list, 7)).toBe(2);
    expect(waitlistPosition(list, 5)).toBeNull();
  });
});

it('measures distances between schools', () => {
  const vieuxPort = { lat: 43.2951, lon: 5.3744 };
  const stCharles = { lat: 43.3027, lon: 5.3806 };
  expect(haversineKm(vieuxPort, stCharles)).toBeGreaterThan(0.9);
  expect(haversineKm(vieuxPort, stCharles)).toBeLessThan(1.1);
});
