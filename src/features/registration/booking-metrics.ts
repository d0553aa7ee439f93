// What became of each booking request, for /metrics: passerelle_bookings_total{audience, outcome}.
import { bookings } from '~/platform/observability/metrics';
import type { BookingResult } from './booking-request.server';

export function bookingOutcome(result: BookingResult): string {
  if (result.status === 201) return result.registration.status;
  if (result.status === 200) return 'existing';
  if (result.status === 202) return 'awaiting-approval';
  if (result.status === 422) return 'invalid';
  if (result.status === 429) return 'rate-limited';
  if (result.status === 401 || result.status === 403) return 'not-allowed';
  return result.status === 404 ? 'not-found' : 'closed';
}

export function countBooking(audience: 'parent' | 'teacher' | null, result: BookingResult): void {
  bookings.inc({ audience: audience ?? 'unknown', outcome: bookingOutcome(result) });
}
