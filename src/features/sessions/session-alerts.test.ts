import { describe, expect, it } from 'vitest';
import { fillPercent, sessionAlerts } from './session-alerts';

const DAY = 86_400_000;
const NOW = Date.UTC(2027, 2, 1, 9);
const s = (over = {}) => ({ capacity: 20, confirmedSeats: 5, waitlistLength: 0, startsAt: NOW + 10 * DAY, status: 'scheduled', ...over });

describe('sessionAlerts', () => {
  it('says nothing about a session filling normally', () => expect(sessionAlerts(s(), NOW)).toEqual([]));
  it('warns when almost full, and when full with a waitlist', () => {
    expect(sessionAlerts(s({ confirmedSeats: 18 }), NOW)).toEqual(['almost-full']);
    expect(sessionAlerts(s({ confirmedSeats: 20, waitlistLength: 3 }), NOW)).toEqual(['full']);
    expect(sessionAlerts(s({ capacity: 1, confirmedSeats: 0 }), NOW)).toEqual([]);
  });
  it('warns when nobody booked three days before, not earlier', () => {
    expect(sessionAlerts(s({ confirmedSeats: 0, startsAt: NOW + 3 * DAY }), NOW)).toEqual(['nobody-booked']);
    expect(sessionAlerts(s({ confirmedSeats: 0, startsAt: NOW + 4 * DAY }), NOW)).toEqual([]);
    expect(sessionAlerts(s({ confirmedSeats: 0, waitlistLength: 1, capacity: 0, startsAt: NOW + DAY }), NOW)).toEqual(['full']);
  });
  it('says nothing about cancelled or started sessions', () => {
    expect(sessionAlerts(s({ confirmedSeats: 0, status: 'cancelled', startsAt: NOW + DAY }), NOW)).toEqual([]);
    expect(sessionAlerts(s({ confirmedSeats: 0, startsAt: NOW - 1 }), NOW)).toEqual([]);
  });
});

it('rounds the fill rate down, so 100 % means full', () => {
  expect(fillPercent(12, 11)).toBe(91);
  expect(fillPercent(3, 3)).toBe(100);
  expect(fillPercent(0, 0)).toBe(100);
});
