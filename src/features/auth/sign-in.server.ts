// Signing in and out. A wrong email and a wrong password look the same from outside: same
// answer, and about the same time (the password is checked against a throwaway hash).
import { ANONYMOUS, auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { verifyPasswordOrWaste } from './password.server';
import { hitRateLimits, rateLimitCount, rule } from '~/platform/http/rate-limit.server';
import { signInDelayMs } from './sign-in-delay';
import { checkSecondFactor, twoFactorEnabled } from './two-factor.server';
import { invalidateSessionStatement, invalidateUserSessionsStatement, newSession, type AuthSession } from './sign-in-session.server';
import { getUserByEmail, toSessionUser, type SessionUser } from '~/features/accounts/users.server';

export type SignInResult =
  | { ok: true; user: SessionUser; session: AuthSession; token: string }
  | { ok: false; reason: 'invalid' }
  // The password was right; the account's authenticator code is asked for (or was wrong).
  | { ok: false; reason: 'totp-required' | 'totp-invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

export interface SignInRequest {
  email: string;
  password: string;
  // The authenticator app's code, or a recovery code, for accounts with two-factor on.
  totp?: string | undefined;
  address: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function failed(db: Db, email: string, userId: number | null, details: Record<string, string>, now: number) {
  await Promise.all([
    hitRateLimits(db, [rule('signInFailuresPerAccount', email)], now),
    auditStatement(db, ANONYMOUS, 'auth.sign-in-failed', 'user', userId, details),
  ]);
}

// Always a fresh session: a token planted before sign-in (session fixation) is never reused.
// Refused per address and per account-and-address; an account under attack from elsewhere
// is only slowed (sign-in-delay.ts), so its owner still gets in.
export async function signIn(db: Db, req: SignInRequest, now = Date.now()): Promise<SignInResult> {
  const email = req.email.trim().toLowerCase();
  const limited = await hitRateLimits(
    db,
    [rule('signInPerAccountAddress', `${email} ${req.address}`), rule('signInPerAddress', req.address)],
    now,
  );
  if (!limited.allowed) return { ok: false, reason: 'rate-limited', retryAfterSeconds: limited.retryAfterSeconds };
  await sleep(signInDelayMs(await rateLimitCount(db, rule('signInFailuresPerAccount', email), now)));

  const user = await getUserByEmail(db, email);
  const usable = user?.active ? user : null;
  const valid = await verifyPasswordOrWaste(usable?.passwordHash ?? null, req.password);
  if (!usable || !valid) {
    const reason = user ? (user.active ? 'password' : 'inactive') : 'unknown-account';
    await failed(db, email, user?.id ?? null, { reason, address: req.address }, now);
    return { ok: false, reason: 'invalid' };
  }
  if (await twoFactorEnabled(db, usable.id)) {
    if (!req.totp?.trim()) return { ok: false, reason: 'totp-required' };
    if (!(await checkSecondFactor(db, usable.id, req.totp, now))) {
      await failed(db, email, usable.id, { reason: 'totp', address: req.address }, now);
      return { ok: false, reason: 'totp-invalid' };
    }
  }
  const created = newSession(db, usable.id, usable.role, now);
  const actor: Actor = { kind: 'user', userId: usable.id };
  await db.batch([created.statement, created.seen, auditStatement(db, actor, 'auth.signed-in', 'user', usable.id)]);
  return { ok: true, user: toSessionUser(usable), session: created.session, token: created.token };
}

export async function signOut(db: Db, session: AuthSession): Promise<void> {
  const actor: Actor = { kind: 'user', userId: session.userId };
  await db.batch([invalidateSessionStatement(db, session.id), auditStatement(db, actor, 'auth.signed-out', 'user', session.userId)]);
}

export async function signOutEverywhere(db: Db, userId: number): Promise<void> {
  const actor: Actor = { kind: 'user', userId };
  await db.batch([invalidateUserSessionsStatement(db, userId), auditStatement(db, actor, 'auth.signed-out-everywhere', 'user', userId)]);
}
