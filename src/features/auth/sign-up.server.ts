// Teachers open their own account with an academic address, then confirm it from the
// emailed link before they can book.
import { eq, sql } from 'drizzle-orm';
import { users } from '~db/schema';
import { accountEmailStatement, accountLink } from '~/features/accounts/account-mail.server';
import { ANONYMOUS, auditStatement } from '~/features/audit/audit.server';
import { normaliseEmail } from '~/features/registration/contact';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { hashPassword } from './password.server';
import { hitRateLimits, rule, type RateLimitResult } from '~/platform/http/rate-limit.server';
import { createSession, type AuthSession } from './sign-in-session.server';
import {
  auditUserByEmailStatement,
  getUserByEmail,
  insertUserStatement,
  toSessionUser,
  validateNewUser,
  type FieldErrors,
  type SessionUser,
} from '~/features/accounts/users.server';
import { consumeUserToken, issueUserToken } from './user-tokens.server';

export interface TeacherSignUp {
  name: string;
  email: string;
  password: string;
  schoolUai: string;
  language?: string;
}

export type SignUpResult =
  | { ok: true; user: SessionUser; session: AuthSession; token: string }
  | { ok: false; errors: FieldErrors }
  | { ok: false; retryAfterSeconds: number };

export function isAcademicEmail(email: string): boolean {
  const domain = email.split('@')[1]?.toLowerCase();
  return domain !== undefined && config.teacherEmailDomains.includes(domain);
}

async function validateSignUp(db: Db, input: TeacherSignUp): Promise<FieldErrors> {
  const errors = await validateNewUser(db, { ...input, role: 'teacher' });
  const email = normaliseEmail(input.email);
  if (email && !errors.email && !isAcademicEmail(email)) errors.email = 'auth.errors.academicEmailRequired';
  if (!input.schoolUai) errors.schoolUai = 'auth.errors.schoolRequired';
  return errors;
}

// Creates the unconfirmed account, its confirmation link and the email in one write.
export async function signUpTeacher(db: Db, input: TeacherSignUp, address: string, now = Date.now()): Promise<SignUpResult> {
  const limited = await hitRateLimits(db, [rule('signUpPerAddress', address)], now);
  if (!limited.allowed) return { ok: false, retryAfterSeconds: limited.retryAfterSeconds };
  const errors = await validateSignUp(db, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const email = normaliseEmail(input.email)!;
  const passwordHash = await hashPassword(input.password);
  const link = issueUserToken(db, { email }, 'verify-email', now);
  const url = accountLink('account-verify-email', link.token);
  const name = input.name.trim();
  try {
    await db.batch([
      insertUserStatement(db, { ...input, email, role: 'teacher', verified: false }, passwordHash, now),
      ...link.statements,
      accountEmailStatement(db, { kind: 'account-verify-email', recipient: email, name, url, language: input.language }),
      auditUserByEmailStatement(db, ANONYMOUS, 'user.signed-up', email, { role: 'teacher' }),
    ]);
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) return { ok: false, errors: { email: 'auth.errors.emailTaken' } };
    throw error;
  }
  // Signed in at once, so the confirmation link opened on this device leads straight to booking.
  const user = (await getUserByEmail(db, email))!;
  const { session, token } = await createSession(db, user.id, now, user.role);
  return { ok: true, user: toSessionUser(user), session, token };
}

// Marks the address confirmed; the link works once. Returns the account's id, or null.
export async function confirmEmail(db: Db, token: string, now = Date.now()): Promise<number | null> {
  const userId = await consumeUserToken(db, token, 'verify-email', now);
  if (userId === null) return null;
  await db.batch([
    db
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` })
      .where(eq(users.id, userId)),
    auditStatement(db, { kind: 'user', userId }, 'user.email-confirmed', 'user', userId),
  ]);
  return userId;
}

// A new confirmation link for a teacher who lost the first one.
export async function resendVerification(db: Db, user: SessionUser, language = 'fr', now = Date.now()): Promise<RateLimitResult> {
  if (user.emailVerified) return { allowed: true };
  const limited = await hitRateLimits(db, [rule('verificationResendPerAccount', String(user.id))], now);
  if (!limited.allowed) return limited;
  const link = issueUserToken(db, { id: user.id }, 'verify-email', now);
  const url = accountLink('account-verify-email', link.token);
  const mail = { kind: 'account-verify-email', recipient: user.email, name: user.name, url, language } as const;
  await db.batch([...link.statements, accountEmailStatement(db, mail)]);
  return { allowed: true };
}
