// Single-use emailed links (email confirmation, password reset, staff invitation): the
// link carries a 160-bit secret, the database its SHA-256, an expiry and when it was used.
import type { InStatement } from '@libsql/client';
import type { Db } from '~/platform/db/db.server';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { toUserRecord, USER_COLUMNS, USER_JOIN, type UserRecord } from '~/features/accounts/users.server';

export type TokenPurpose = 'verify-email' | 'reset-password' | 'invite';

const HOUR = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  'verify-email': 48 * HOUR,
  'reset-password': HOUR,
  invite: 7 * 24 * HOUR,
};

// Who the token is for: by id, or by email inside the batch that creates the account.
export type UserRef = { id: number } | { email: string };

function userIdSql(ref: UserRef): { sql: string; arg: string | number } {
  return 'id' in ref ? { sql: '?', arg: ref.id } : { sql: '(select id from users where email = ?)', arg: ref.email };
}

// A new link supersedes the unused ones of the same purpose: only the latest email works.
export function issueUserToken(ref: UserRef, purpose: TokenPurpose, now = Date.now()): { token: string; statements: InStatement[] } {
  const token = generateSecret();
  const user = userIdSql(ref);
  return {
    token,
    statements: [
      {
        sql: `update user_tokens set used_at = ? where user_id = ${user.sql} and purpose = ? and used_at is null`,
        args: [now, user.arg, purpose],
      },
      {
        sql: `insert into user_tokens (user_id, purpose, token_hash, expires_at, created_at) values (${user.sql}, ?, ?, ?, ?)`,
        args: [user.arg, purpose, hashSecret(token), now + TOKEN_LIFETIME_MS[purpose], now],
      },
    ],
  };
}

const TOKEN_FORMAT = /^[a-z2-7]{16,64}$/;

// The account a still valid link belongs to, without using the link up (to show its form).
export async function peekUserToken(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<UserRecord | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const rs = await db.$client.execute({
    sql: `select ${USER_COLUMNS} from user_tokens t join users u on u.id = t.user_id ${USER_JOIN}
          where t.token_hash = ? and t.purpose = ? and t.used_at is null and t.expires_at > ? and u.active = 1`,
    args: [hashSecret(token), purpose, now],
  });
  const row = rs.rows[0];
  return row ? toUserRecord(row as Record<string, unknown>) : null;
}

// Uses the link up in one conditional statement, so of two concurrent clicks only one wins;
// returns the account's id, or null when the link is unknown, used or expired.
export async function consumeUserToken(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<number | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const rs = await db.$client.execute({
    sql: `update user_tokens set used_at = ?
          where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
            and user_id in (select id from users where active = 1)
          returning user_id`,
    args: [now, hashSecret(token), purpose, now],
  });
  const row = rs.rows[0];
  return row ? Number(row.user_id) : null;
}
