// Single-use emailed links (email confirmation, password reset, staff invitation): the
// link carries a 160-bit secret, the database its SHA-256, an expiry and when it was used.
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { organisations, users, userTokens } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { USER_ORGANISATION, USER_RECORD, type UserRecord } from '~/features/accounts/users.server';

export type TokenPurpose = 'verify-email' | 'reset-password' | 'invite';

const HOUR = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  'verify-email': 48 * HOUR,
  'reset-password': HOUR,
  invite: 7 * 24 * HOUR,
};

// Who the token is for: by id, or by email inside the batch that creates the account.
export type UserRef = { id: number } | { email: string };

function userIdOf(db: Db, ref: UserRef) {
  return 'id' in ref ? ref.id : sql<number>`${db.select({ id: users.id }).from(users).where(eq(users.email, ref.email))}`;
}

// A new link supersedes the unused ones of the same purpose: only the latest email works.
export function issueUserToken(db: Db, ref: UserRef, purpose: TokenPurpose, now = Date.now()) {
  const token = generateSecret();
  const userId = userIdOf(db, ref);
  const statements = [
    db
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt))),
    db
      .insert(userTokens)
      .values({ userId, purpose, tokenHash: hashSecret(token), expiresAt: now + TOKEN_LIFETIME_MS[purpose], createdAt: now }),
  ] as const;
  return { token, statements };
}

const TOKEN_FORMAT = /^[a-z2-7]{16,64}$/;

// The account a still valid link belongs to, without using the link up (to show its form).
export async function peekUserToken(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<UserRecord | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [row] = await db
    .select(USER_RECORD)
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .leftJoin(organisations, USER_ORGANISATION)
    .where(
      and(
        eq(userTokens.tokenHash, hashSecret(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
        eq(users.active, true),
      ),
    );
  return row ?? null;
}

// Uses the link up in one conditional statement, so of two concurrent clicks only one wins;
// returns the account's id, or null when the link is unknown, used or expired.
export async function consumeUserToken(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<number | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, hashSecret(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
        inArray(userTokens.userId, db.select({ id: users.id }).from(users).where(eq(users.active, true))),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}
