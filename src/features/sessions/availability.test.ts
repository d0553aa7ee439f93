import { describe, expect, it } from 'vitest';
import { availability, haversineKm, seatsLeft } from './availability';

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
});

it('measures distances between schools', () => {
  const vieuxPort = { lat: 43.2951, lon: 5.3744 };
  const stCharles = { lat: 43.3027, lon: 5.3806 };
  expect(haversineKm(vieuxPort, stCharles)).toBeGreaterThan(0.9);
  expect(haversineKm(vieuxPort, stCharles)).toBeLessThan(1.1);
});
