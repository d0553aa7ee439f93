import { describe, expect, it } from 'vitest';
import { bookingOutcome } from './booking-metrics';
import type { BookingResult } from './booking-request.server';

const registration = (status: 'confirmed' | 'waitlisted') => ({ status }) as never;

describe('booking outcomes for /metrics', () => {
  it.each<[BookingResult, string]>([
    [{ status: 201, registration: registration('confirmed'), manageToken: 't' }, 'confirmed'],
    [{ status: 201, registration: registration('waitlisted'), manageToken: 't' }, 'waitlisted'],
    [{ status: 200, registration: registration('confirmed'), manageToken: null }, 'existing'],
    [{ status: 422, errors: {} }, 'invalid'],
    [{ status: 429, error: 'form.tooMany', retryAfterSeconds: 60 }, 'rate-limited'],
    [{ status: 401, error: 'errors.signInRequired' }, 'not-allowed'],
    [{ status: 403, error: 'errors.wrongAudience' }, 'not-allowed'],
    [{ status: 409, error: 'errors.sessionPast' }, 'closed'],
    [{ status: 404, error: 'errors.sessionNotFound' }, 'not-found'],
  ])('%o is %s', (result, outcome) => {
    expect(bookingOutcome(result)).toBe(outcome);
  });
});
