// Signing in and out. A wrong email and a wrong password look the same from outside: same
// answer, and about the same time (the password is checked against a throwaway hash).
import { ANONYMOUS, auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { verifyPasswordOrWaste } from './password.server';
import { hitRateLimits, rule } from '~/platform/http/rate-limit.server';
import { invalidateSessionStatement, invalidateUserSessionsStatement, newSession, type AuthSession } from './sign-in-session.server';
import { getUserByEmail, toSessionUser, type SessionUser } from '~/features/accounts/users.server';

export type SignInResult =
  | { ok: true; user: SessionUser; session: AuthSession; token: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

export interface SignInRequest {
  email: string;
  password: string;
  address: string;
}

// Always a fresh session: a token planted before sign-in (session fixation) is never reused.
export async function signIn(db: Db, req: SignInRequest, now = Date.now()): Promise<SignInResult> {
  const email = req.email.trim().toLowerCase();
  const limited = await hitRateLimits(db, [rule('signInPerAccount', email), rule('signInPerAddress', req.address)], now);
  if (!limited.allowed) return { ok: false, reason: 'rate-limited', retryAfterSeconds: limited.retryAfterSeconds };

  const user = await getUserByEmail(db, email);
  const usable = user?.active ? user : null;
  const valid = await verifyPasswordOrWaste(usable?.passwordHash ?? null, req.password);
  if (!usable || !valid) {
    const reason = user ? (user.active ? 'password' : 'inactive') : 'unknown-account';
    await auditStatement(db, ANONYMOUS, 'auth.sign-in-failed', 'user', user?.id ?? null, { reason });
    return { ok: false, reason: 'invalid' };
  }
  const created = newSession(db, usable.id, now);
  const actor: Actor = { kind: 'user', userId: usable.id };
  await db.batch([created.statement, auditStatement(db, actor, 'auth.signed-in', 'user', usable.id)]);
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
