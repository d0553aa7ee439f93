// How long a sign-in waits, given the account's recent failures (from every address). A few
// typos cost nothing; past them each failure doubles the wait, up to a ceiling. The account
// is slowed, never closed: its owner, from their own address, still gets in (ASVS 2.2.1).
export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 100;
export const MAX_DELAY_MS = 5_000;

export function signInDelayMs(recentFailures: number): number {
  if (recentFailures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (recentFailures - FREE_FAILURES));
}
