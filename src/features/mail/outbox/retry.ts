// When to try a failed message again: exponential backoff from about a minute up to a few
// hours, and give up after about a day (the message then shows as failed to admins).

export interface RetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  maxAgeMs: number;
  maxAttempts: number;
  // ± share of the delay, so instances do not all retry at the same instant after an outage.
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 60_000,
  maxDelayMs: 4 * 60 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  maxAttempts: 20,
  jitter: 0.1,
};

// Delay after the `attempts`-th failed attempt (1 → about a minute, 2 → two minutes, …).
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY, random = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxDelayMs);
  const spread = delay * policy.jitter * (random() * 2 - 1);
  return Math.round(delay + spread);
}

export type RetryDecision = { kind: 'retry'; at: number } | { kind: 'give-up' };

export function nextAttempt(
  { attempts, createdAt }: { attempts: number; createdAt: number },
  now: number,
  policy: RetryPolicy = DEFAULT_RETRY,
  random = Math.random,
): RetryDecision {
  if (attempts >= policy.maxAttempts || now - createdAt >= policy.maxAgeMs) return { kind: 'give-up' };
  return { kind: 'retry', at: now + retryDelayMs(attempts, policy, random) };
}
