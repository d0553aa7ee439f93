// What a trainer must notice on their home page: how full a session is and what needs doing.
import { availability } from './availability';

export const QUIET_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

export type SessionAlert = 'full' | 'almost-full' | 'nobody-booked';

export interface SessionCounts {
  capacity: number;
  confirmedSeats: number;
  waitlistLength: number;
  startsAt: number;
  status: string;
}

// 0 to 100, rounded down so "100 %" only shows when every seat is taken.
export function fillPercent(capacity: number, confirmedSeats: number): number {
  if (capacity <= 0) return 100;
  return Math.min(100, Math.floor((confirmedSeats / capacity) * 100));
}

// "Nobody booked" from three days before: time enough to tell the school or move the session.
export function sessionAlerts(s: SessionCounts, now = Date.now()): SessionAlert[] {
  if (s.status !== 'scheduled' || s.startsAt <= now) return [];
  const alerts: SessionAlert[] = [];
  const state = availability(s, s.confirmedSeats, now);
  if (state === 'waitlist') alerts.push('full');
  // A one-seat session nobody booked is not "almost full", whatever the seats-left rule says.
  if (state === 'almost-full' && s.confirmedSeats > 0) alerts.push('almost-full');
  if (s.confirmedSeats === 0 && s.waitlistLength === 0 && s.startsAt - now <= QUIET_WINDOW_MS) alerts.push('nobody-booked');
  return alerts;
}
