import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, signInDelayMs } from './sign-in-delay';

describe('the sign-in delay', () => {
  it('is nothing for a few failures, then doubles up to a ceiling', () => {
    expect([0, 1, 5].map(signInDelayMs)).toEqual([0, 0, 0]);
    expect([6, 7, 8].map(signInDelayMs)).toEqual([200, 400, 800]);
    expect(signInDelayMs(1000)).toBe(MAX_DELAY_MS);
  });
});
