// Password hashing with argon2id (OWASP's recommended parameters) and the one password
// policy: long enough, not on the list of common passwords, no composition rules (NIST 800-63B).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

// ASVS 2.1.1 (level 2): at least 12 characters.
export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase; short enough that hashing stays cheap for an attacker's input.
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

// Checks a password against a hash, or against a throwaway hash when there is no account
// (or no password yet), so a wrong email costs as long as a wrong password.
export async function verifyPasswordOrWaste(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash) return verifyPasswordHash(passwordHash, password);
  dummyHash ??= hashPassword('passerelle-timing-equaliser');
  await verifyPasswordHash(await dummyHash, password);
  return false;
}

let common: Set<string> | undefined;

// The list sits beside this file in the source tree; the built server runs from the
// repository root (like db/migrations), so fall back to a path from there.
function loadCommonPasswords(): Set<string> {
  const candidates = [
    join(dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt'),
    resolve(process.cwd(), 'src/features/auth/common-passwords.txt'),
  ];
  for (const path of candidates) {
    try {
      const lines = readFileSync(path, 'utf8').split('\n');
      return new Set(lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
    } catch {
      // try the next location
    }
  }
  throw new Error('common-passwords.txt is missing');
}

export function isCommonPassword(password: string): boolean {
  common ??= loadCommonPasswords();
  return common.has(password.trim().toLowerCase());
}

export type PasswordProblem =
  'auth.errors.passwordRequired' | 'auth.errors.passwordTooShort' | 'auth.errors.passwordTooLong' | 'auth.errors.passwordCommon';

// Returns a translation key saying what is wrong, or null when the password is acceptable.
export function passwordProblem(password: string, context: { email?: string | null } = {}): PasswordProblem | null {
  if (!password) return 'auth.errors.passwordRequired';
  if (password.length > PASSWORD_MAX_LENGTH) return 'auth.errors.passwordTooLong';
  // A known password is named as such even when it is also short: lengthening it is no cure.
  const lower = password.trim().toLowerCase();
  const email = context.email?.toLowerCase();
  if (isCommonPassword(password) || (email && (lower === email || lower === email.split('@')[0]))) {
    return 'auth.errors.passwordCommon';
  }
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'auth.errors.passwordTooShort';
  return null;
}
