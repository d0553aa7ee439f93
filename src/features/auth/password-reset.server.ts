// Forgotten and changed passwords. A reset link works once, for one hour; a new password
// signs out every other session of the account.
import { eq, sql } from 'drizzle-orm';
import { users } from '~db/schema';
import { accountEmailStatement, accountLink, passwordChangedEmailStatement } from '~/features/accounts/account-mail.server';
import { twoFactorEnabled } from './two-factor.server';
import { ANONYMOUS, auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { hashPassword, passwordProblem, verifyPasswordHash } from './password.server';
import { hitRateLimits, rule } from '~/platform/http/rate-limit.server';
import { invalidateUserSessionsStatement, newSession, type AuthSession } from './sign-in-session.server';
import { getUserByEmail, getUserById, toSessionUser, type FieldErrors, type SessionUser } from '~/features/accounts/users.server';
import { consumeUserToken, issueUserToken, peekUserToken } from './user-tokens.server';

// Says nothing about whether the account exists: the page answers the same either way.
export async function requestPasswordReset(
  db: Db,
  { email, address, language = 'fr' }: { email: string; address: string; language?: string },
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const limited = await hitRateLimits(db, [rule('passwordResetPerAddress', address), rule('passwordResetPerAccount', email.trim())], now);
  if (!limited.allowed) return { ok: false, retryAfterSeconds: limited.retryAfterSeconds };
  const user = await getUserByEmail(db, email);
  if (!user?.active) return { ok: true };
  const link = issueUserToken(db, { id: user.id }, 'reset-password', now);
  const url = accountLink('account-reset-password', link.token);
  await db.batch([
    ...link.statements,
    accountEmailStatement(db, { kind: 'account-reset-password', recipient: user.email, name: user.name, url, language }),
    auditStatement(db, ANONYMOUS, 'user.password-reset-requested', 'user', user.id),
  ]);
  return { ok: true };
}

export type LinkPasswordResult =
  | { ok: true; user: SessionUser; session: AuthSession; token: string }
  // Two-factor is on: the link sets the password but does not stand in for the second factor.
  | { ok: true; user: SessionUser; session: null; token: null }
  | { ok: false; reason: 'invalid-link' }
  | { ok: false; errors: FieldErrors };

// Sets the password from an emailed link (reset or invitation), confirms the address (the
// link proved it), ends every other session and signs the person in afresh.
export async function setPasswordFromLink(
  db: Db,
  { token, password, purpose }: { token: string; password: string; purpose: 'reset-password' | 'invite' },
  now = Date.now(),
): Promise<LinkPasswordResult> {
  const holder = await peekUserToken(db, token, purpose, now);
  if (!holder) return { ok: false, reason: 'invalid-link' };
  const problem = passwordProblem(password, { email: holder.email });
  if (problem) return { ok: false, errors: { password: problem } };
  const passwordHash = await hashPassword(password);
  const userId = await consumeUserToken(db, token, purpose, now);
  if (userId === null) return { ok: false, reason: 'invalid-link' };
  const actor: Actor = { kind: 'user', userId };
  const user = (await getUserById(db, userId))!;
  const created = (await twoFactorEnabled(db, userId)) ? null : newSession(db, userId, user.role, now);
  await db.batch([
    db
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` })
      .where(eq(users.id, userId)),
    invalidateUserSessionsStatement(db, userId),
    ...(created ? [created.statement, created.seen] : []),
    auditStatement(db, actor, purpose === 'invite' ? 'user.invitation-accepted' : 'user.password-reset', 'user', userId),
    ...(purpose === 'reset-password' ? [passwordChangedEmailStatement(db, user)] : []),
  ]);
  const sessionUser = toSessionUser({ ...user, emailVerified: true });
  return created
    ? { ok: true, user: sessionUser, session: created.session, token: created.token }
    : { ok: true, user: sessionUser, session: null, token: null };
}

export type ChangePasswordResult = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; retryAfterSeconds: number };

// The current password is asked again (and counts against the sign-in limit), so a browser
// left signed in cannot be used to take the account over.
export async function changePassword(
  db: Db,
  { user, session, current, next }: { user: SessionUser; session: AuthSession; current: string; next: string },
  now = Date.now(),
): Promise<ChangePasswordResult> {
  const limited = await hitRateLimits(db, [rule('passwordChangePerAccount', String(user.id))], now);
  if (!limited.allowed) return { ok: false, retryAfterSeconds: limited.retryAfterSeconds };
  const record = await getUserById(db, user.id);
  if (!record?.passwordHash || !(await verifyPasswordHash(record.passwordHash, current))) {
    return { ok: false, errors: { current: 'auth.errors.currentPasswordWrong' } };
  }
  const problem = passwordProblem(next, { email: user.email });
  if (problem) return { ok: false, errors: { password: problem } };
  const passwordHash = await hashPassword(next);
  await db.batch([
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    invalidateUserSessionsStatement(db, user.id, session.id),
    auditStatement(db, { kind: 'user', userId: user.id }, 'user.password-changed', 'user', user.id),
    passwordChangedEmailStatement(db, user),
  ]);
  return { ok: true };
}
