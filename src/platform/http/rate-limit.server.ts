// Fixed-window counters kept in the database, so a limit holds across every instance.
// RATE_LIMIT=off (config.rateLimit false) turns them off for load tests from one address.
// A key never holds an email, phone or address in clear: `<prefix>:<HMAC of the subject>`
// (rate-limit-secret.server.ts), so an erased person leaves no readable trace here, and
// finished windows are pruned every hour (scheduled-jobs.server.ts).
import type { APIContext } from 'astro';
import { eq, lt, sql, type Placeholder } from 'drizzle-orm';
import { rateLimits } from '~db/schema';
import { subjectDigest } from './rate-limit-secret.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { preparedBatch, type Placeholders } from '~/platform/db/prepared-batch';
import { batchOf } from '~/platform/db/query-parts';
import { t } from '~/i18n';
import { jsonError } from './json';
import { forwardedClient, plainAddress } from './proxy-chain';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

export interface RateLimitRule {
  key: string;
  limit: number;
  windowMs: number;
  // Who is counted (an account, address or contact): stored as its HMAC after `key`.
  subject?: string;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// The limits in force, one place to tune them. Keys get the account, address or contact appended.
export const RATE_LIMITS = {
  // Guessing is stopped per address and per account *from* an address, never per account
  // alone: a stranger's wrong passwords must not lock the owner out (sign-in-delay.server.ts
  // slows an account under attack instead).
  signInPerAccountAddress: { prefix: 'sign-in:account-address', limit: 10, windowMs: 15 * MINUTE },
  signInPerAddress: { prefix: 'sign-in:address', limit: 50, windowMs: 15 * MINUTE },
  // Failed sign-ins of an account from anywhere: they set its growing delay.
  signInFailuresPerAccount: { prefix: 'sign-in:failures', limit: Number.MAX_SAFE_INTEGER, windowMs: HOUR },
  // Changing one's password asks for the current one: as many tries as a sign-in.
  passwordChangePerAccount: { prefix: 'password-change:account', limit: 10, windowMs: 15 * MINUTE },
  signUpPerAddress: { prefix: 'sign-up:address', limit: 30, windowMs: HOUR },
  passwordResetPerAccount: { prefix: 'password-reset:account', limit: 3, windowMs: HOUR },
  passwordResetPerAddress: { prefix: 'password-reset:address', limit: 10, windowMs: HOUR },
  verificationResendPerAccount: { prefix: 'verify-resend:account', limit: 3, windowMs: HOUR },
  // Generous per address: parents on mobile data share carrier NAT addresses.
  bookingPerAddress: { prefix: 'booking:address', limit: 60, windowMs: HOUR },
  bookingPerContact: { prefix: 'booking:contact', limit: 10, windowMs: HOUR },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

// The longest window: a counter whose window began longer ago than this is over.
export const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowMs));

export function rule(name: RateLimitName, subject: string): RateLimitRule {
  const r = RATE_LIMITS[name];
  return { key: r.prefix, subject: subject.trim().toLowerCase(), limit: r.limit, windowMs: r.windowMs };
}

async function storedKeys(db: Db, rules: RateLimitRule[]): Promise<string[]> {
  return Promise.all(rules.map(async (r) => (r.subject === undefined ? r.key : `${r.key}:${await subjectDigest(db, r.subject)}`)));
}

// How many hits a counter has in its current window (0 for none), without counting one.
export async function rateLimitCount(db: Db, r: RateLimitRule, now = Date.now()): Promise<number> {
  if (!config.rateLimit) return 0;
  const [key] = await storedKeys(db, [r]);
  const windowStart = Math.floor(now / r.windowMs) * r.windowMs;
  const [row] = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(eq(rateLimits.key, key!));
  return row && row.windowStart === windowStart ? row.count : 0;
}

// Counts one hit in the current window in a single upsert (atomic on one libSQL database,
// whichever instance asks) and says whether it is still within the limit.
export function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
  return hitRateLimits(db, [{ key, limit, windowMs }], now);
}

// One hit on a counter: a new window starts at 1, the current one counts up.
export function hitStatement(db: Db, key: Placeholder, windowStart: Placeholder) {
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

// The values that fill `n` hits: `key0`, `window0`, `limit0`, `key1`… (a statement in the same
// write transaction may test `limit<i>` against the count the hit left).
export type Hits = Record<`key${number}` | `window${number}` | `limit${number}`, string | number>;

export interface PlannedHits {
  values: Hits;
  // Allowed, or the longest wait, from the counts the hits returned (in rule order).
  judge(counts: (number | undefined)[]): RateLimitResult;
}

export async function planHits(db: Db, rules: RateLimitRule[], now = Date.now()): Promise<PlannedHits> {
  const windows = rules.map((r) => Math.floor(now / r.windowMs) * r.windowMs);
  const keys = await storedKeys(db, rules);
  const values: Hits = {};
  rules.forEach((r, i) => {
    values[`key${i}`] = keys[i]!;
    values[`window${i}`] = windows[i]!;
    values[`limit${i}`] = r.limit;
  });
  return {
    values,
    judge(counts) {
      let wait = 0;
      rules.forEach((r, i) => {
        if ((counts[i] ?? 0) > r.limit) wait = Math.max(wait, Math.max(1, Math.ceil((windows[i]! + r.windowMs - now) / 1000)));
      });
      return wait ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
    },
  };
}

// The hits on `n` counters as one batch, built once per `n` (prepared-batch.ts).
function hits(db: Db, n: number) {
  return preparedOnce(db, `rate-limits:${n}`, () =>
    preparedBatch(db, (p: Placeholders<Hits>) =>
      batchOf(Array.from({ length: n }, (_, i) => hitStatement(db, p[`key${i}`]!, p[`window${i}`]!))),
    ),
  );
}

// Every rule is counted (so a blocked address keeps counting), all in one write; the longest
// wait wins.
export async function hitRateLimits(db: Db, rules: RateLimitRule[], now = Date.now()): Promise<RateLimitResult> {
  if (!config.rateLimit || !rules.length) return { allowed: true };
  const planned = await planHits(db, rules, now);
  const results = await hits(db, rules.length)(planned.values);
  return planned.judge(results.map((r) => r[0]?.count));
}

// Counters from finished windows are useless: the scheduler calls this every hour.
export async function pruneRateLimits(db: Db, now = Date.now(), olderThanMs = LONGEST_WINDOW_MS): Promise<number> {
  const rs = await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - olderThanMs));
  return rs.rowsAffected;
}

// The address a request came from: the socket's peer, or, behind TRUST_PROXY, the address
// our own proxy saw (proxy-chain.ts): hops the client wrote itself are never believed.
export function clientAddress(context: Pick<APIContext, 'request' | 'clientAddress'>): string {
  let peer = 'unknown';
  try {
    peer = context.clientAddress || 'unknown';
  } catch {
    // no socket (prerendering): nothing to count by
  }
  if (!config.trustProxy) return plainAddress(peer);
  return forwardedClient(context.request.headers.get('x-forwarded-for'), peer, config.proxy);
}

export function retryAfterHeaders(seconds: number): Record<string, string> {
  return { 'Retry-After': String(seconds) };
}

// The API answer to a refused request.
export function tooManyRequests(retryAfterSeconds: number): Response {
  const message = t('fr', 'auth.errors.rateLimited', { minutes: Math.ceil(retryAfterSeconds / 60) });
  return jsonError(429, message, undefined, retryAfterHeaders(retryAfterSeconds));
}
