// Fixed-window counters kept in the database, so a limit holds across every instance.
// RATE_LIMIT=off (config.rateLimit false) turns them off for load tests from one address.
import type { APIContext } from 'astro';
import { lt, sql, type Placeholder } from 'drizzle-orm';
import { rateLimits } from '~db/schema';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { preparedBatch, type Placeholders } from '~/platform/db/prepared-batch';
import { batchOf } from '~/platform/db/query-parts';
import { t } from '~/i18n';
import { jsonError } from './json';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

export interface RateLimitRule {
  key: string;
  limit: number;
  windowMs: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// The limits in force, one place to tune them. Keys get the account, address or contact appended.
export const RATE_LIMITS = {
  signInPerAccount: { prefix: 'sign-in:account', limit: 10, windowMs: 15 * MINUTE },
  signInPerAddress: { prefix: 'sign-in:address', limit: 50, windowMs: 15 * MINUTE },
  signUpPerAddress: { prefix: 'sign-up:address', limit: 30, windowMs: HOUR },
  passwordResetPerAccount: { prefix: 'password-reset:account', limit: 3, windowMs: HOUR },
  passwordResetPerAddress: { prefix: 'password-reset:address', limit: 10, windowMs: HOUR },
  verificationResendPerAccount: { prefix: 'verify-resend:account', limit: 3, windowMs: HOUR },
  // Generous per address: parents on mobile data share carrier NAT addresses.
  bookingPerAddress: { prefix: 'booking:address', limit: 60, windowMs: HOUR },
  bookingPerContact: { prefix: 'booking:contact', limit: 10, windowMs: HOUR },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

export function rule(name: RateLimitName, subject: string): RateLimitRule {
  const r = RATE_LIMITS[name];
  return { key: `${r.prefix}:${subject.toLowerCase()}`, limit: r.limit, windowMs: r.windowMs };
}

// Counts one hit in the current window in a single upsert (atomic on one libSQL database,
// whichever instance asks) and says whether it is still within the limit.
export function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
  return hitRateLimits(db, [{ key, limit, windowMs }], now);
}

// One hit on a counter: a new window starts at 1, the current one counts up.
function hit(db: Db, key: Placeholder, windowStart: Placeholder) {
  return db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
}

// The hits on `n` counters as one batch, built once per `n` (prepared-batch.ts).
type Hits = Record<`key${number}` | `window${number}`, string | number>;
function hits(db: Db, n: number) {
  return preparedOnce(db, `rate-limits:${n}`, () =>
    preparedBatch(db, (p: Placeholders<Hits>) => batchOf(Array.from({ length: n }, (_, i) => hit(db, p[`key${i}`]!, p[`window${i}`]!)))),
  );
}

// Every rule is counted (so a blocked address keeps counting), all in one write; the longest
// wait wins.
export async function hitRateLimits(db: Db, rules: RateLimitRule[], now = Date.now()): Promise<RateLimitResult> {
  if (!config.rateLimit || !rules.length) return { allowed: true };
  const windows = rules.map((r) => Math.floor(now / r.windowMs) * r.windowMs);
  const values: Hits = {};
  rules.forEach((r, i) => {
    values[`key${i}`] = r.key;
    values[`window${i}`] = windows[i]!;
  });
  const results = await hits(db, rules.length)(values);
  let wait = 0;
  rules.forEach((r, i) => {
    if ((results[i]?.[0]?.count ?? 0) > r.limit) wait = Math.max(wait, Math.max(1, Math.ceil((windows[i]! + r.windowMs - now) / 1000)));
  });
  return wait ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

// Counters from finished windows are useless: the scheduler may call this daily.
export async function pruneRateLimits(db: Db, now = Date.now(), olderThanMs = 2 * 24 * HOUR): Promise<number> {
  const rs = await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - olderThanMs));
  return rs.rowsAffected;
}

// The address a request came from: the socket's peer, or, with TRUST_PROXY=1 only, the first
// X-Forwarded-For hop. Assumes that proxy overwrites the header rather than appending to what
// the client sent; without TRUST_PROXY anyone could pick their own address.
export function clientAddress(context: Pick<APIContext, 'request' | 'clientAddress'>): string {
  if (config.trustProxy) {
    const first = context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  try {
    return context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function retryAfterHeaders(seconds: number): Record<string, string> {
  return { 'Retry-After': String(seconds) };
}

// The API answer to a refused request.
export function tooManyRequests(retryAfterSeconds: number): Response {
  const message = t('fr', 'auth.errors.rateLimited', { minutes: Math.ceil(retryAfterSeconds / 60) });
  return jsonError(429, message, undefined, retryAfterHeaders(retryAfterSeconds));
}
