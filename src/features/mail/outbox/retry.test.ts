import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, nextAttempt, retryDelayMs } from './retry';

const MIN = 60_000;
const HOUR = 60 * MIN;
const noJitter = () => 0.5;

describe('retry schedule', () => {
  it('starts at about a minute and doubles', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, DEFAULT_RETRY, noJitter))).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN, 16 * MIN]);
  });

  it('levels off at four hours', () => {
    expect(retryDelayMs(9, DEFAULT_RETRY, noJitter)).toBe(4 * HOUR);
    expect(retryDelayMs(40, DEFAULT_RETRY, noJitter)).toBe(4 * HOUR);
  });

  it('spreads retries by at most 10 %', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY, () => 0)).toBe(0.9 * MIN);
    expect(retryDelayMs(1, DEFAULT_RETRY, () => 1)).toBe(1.1 * MIN);
  });

  it('keeps trying through an outage of most of a day, then gives up', () => {
    const createdAt = 0;
    let now = 0;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttempt({ attempts, createdAt }, now, DEFAULT_RETRY, noJitter);
      if (next.kind === 'give-up') break;
      now = next.at;
    }
    expect(now).toBeGreaterThanOrEqual(24 * HOUR);
    expect(now).toBeLessThan(29 * HOUR);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThanOrEqual(DEFAULT_RETRY.maxAttempts);
  });

  it('gives up after the maximum number of attempts', () => {
    expect(nextAttempt({ attempts: DEFAULT_RETRY.maxAttempts, createdAt: 0 }, MIN)).toEqual({ kind: 'give-up' });
  });
});
