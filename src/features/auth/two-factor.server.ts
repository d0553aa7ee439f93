// TOTP two-factor sign-in (RFC 6238: 30-second steps, 6 digits, SHA-1 as every authenticator
// app expects) and recovery codes. Required for administrators, offered to all staff.
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { userRecoveryCodes, userTotp } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { auditStatement } from '~/features/audit/audit.server';
import { generateSecret, hashSecret } from '~/platform/text/tokens';

const STEP_SECONDS = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;
export const ISSUER = 'Passerelle';

export const stepAt = (now: number) => Math.floor(now / 1000 / STEP_SECONDS);

// Who must have a second factor before using the portal at all.
export const twoFactorRequired = (role: string) => role === 'admin';

export async function twoFactorEnabled(db: Db, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
  return !!row;
}

// The step a code belongs to, within one step of now either way (clock drift), or null.
export function matchingStep(key: Uint8Array, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const typed = new TextEncoder().encode(code);
  const current = stepAt(now);
  for (const step of [current, current - 1, current + 1]) {
    if (constantTimeEqual(new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS)), typed)) return step;
  }
  return null;
}

// A code typed by a person: digits for the app, or one of their recovery codes.
const normalise = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

// True when `code` is a valid authenticator code not used before (the step moves forward in
// the same statement, so a code seen twice, even at once on two instances, opens one session)
// or an unused recovery code (then spent).
export async function checkSecondFactor(db: Db, userId: number, code: string, now = Date.now()): Promise<boolean> {
  const typed = normalise(code);
  const [row] = await db
    .select({ key: userTotp.key })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
  if (!row) return false;
  const step = matchingStep(new Uint8Array(row.key), typed, now);
  if (step !== null) {
    const rs = await db
      .update(userTotp)
      .set({ lastStep: step })
      .where(and(eq(userTotp.userId, userId), lt(userTotp.lastStep, step)));
    return rs.rowsAffected === 1;
  }
  if (!/^[a-z2-7]{10}$/.test(typed)) return false;
  const rs = await db
    .update(userRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, hashSecret(typed)), isNull(userRecoveryCodes.usedAt)));
  return rs.rowsAffected === 1;
}

export interface Enrolment {
  key: Uint8Array;
  // For typing into the app by hand, in groups of four.
  secretText: string;
  uri: string;
}

function enrolmentOf(key: Uint8Array, accountName: string): Enrolment {
  const secretText = encodeBase32UpperCaseNoPadding(key)
    .replace(/(.{4})/g, '$1 ')
    .trim();
  return { key, secretText, uri: createTOTPKeyURI(ISSUER, accountName, key, STEP_SECONDS, DIGITS) };
}

// The pending key of an account that has not confirmed one yet (made on first visit, kept
// across reloads so the QR code scanned stays the right one). Null when already enabled.
export async function pendingEnrolment(db: Db, userId: number, accountName: string): Promise<Enrolment | null> {
  const key = crypto.getRandomValues(new Uint8Array(20));
  await db
    .insert(userTotp)
    .values({ userId, key: Buffer.from(key) })
    .onConflictDoNothing();
  const [row] = await db.select({ key: userTotp.key, enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId));
  if (!row || row.enabledAt !== null) return null;
  return enrolmentOf(new Uint8Array(row.key), accountName);
}

// The first code proves the app holds the key: two-factor is on, and the recovery codes
// (shown once, kept as hashes) are returned. Null for a wrong code.
export async function confirmEnrolment(db: Db, userId: number, code: string, now = Date.now()): Promise<string[] | null> {
  const [row] = await db
    .select({ key: userTotp.key })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.enabledAt)));
  const step = row ? matchingStep(new Uint8Array(row.key), normalise(code), now) : null;
  if (step === null) return null;
  const codes = Array.from({ length: RECOVERY_CODES }, () => generateSecret().slice(0, 10));
  const [enable, ...rest] = [
    db
      .update(userTotp)
      .set({ enabledAt: now, lastStep: step })
      .where(and(eq(userTotp.userId, userId), isNull(userTotp.enabledAt))),
    db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId)),
    db.insert(userRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashSecret(c) }))),
    auditStatement(db, { kind: 'user', userId }, 'auth.two-factor-enabled', 'user', userId),
  ];
  await db.batch([enable!, ...rest]);
  return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

export async function unusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}
