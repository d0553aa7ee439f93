// Sign-in sessions, Lucia's way: the cookie carries `<id>.<secret>`, the database only the
// SHA-256 of the secret, so a leaked table does not let anyone in.
import type { InStatement } from '@libsql/client';
import type { AstroCookies } from 'astro';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Db } from '~/platform/db/db.server';
import { generateSecret } from '~/platform/text/tokens';
import { isHttps } from '~/platform/http/web-security';
import { toSessionUser, toUserRecord, USER_COLUMNS, USER_JOIN, type SessionUser } from '~/features/accounts/users.server';

export const SESSION_COOKIE = 'passerelle_session';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Unused for this long, a session ends; using it pushes the end back (at most once an hour,
// to spare a write per request). Whatever the use, it ends at the absolute lifetime.
export const INACTIVITY_TIMEOUT_MS = 10 * DAY;
export const REFRESH_INTERVAL_MS = HOUR;
export const ABSOLUTE_LIFETIME_MS = 30 * DAY;

export interface AuthSession {
  id: string;
  userId: number;
  createdAt: number;
  lastVerifiedAt: number;
  expiresAt: number;
}

export interface ValidatedSession {
  session: AuthSession;
  user: SessionUser;
  // True when the expiry moved: the cookie should be sent again with the new date.
  refreshed: boolean;
}

export interface NewSession {
  session: AuthSession;
  token: string;
  // The insert, for a batch that also writes the audit entry.
  statement: InStatement;
}

function hashSessionSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

function expiryOf(createdAt: number, lastVerifiedAt: number): number {
  return Math.min(lastVerifiedAt + INACTIVITY_TIMEOUT_MS, createdAt + ABSOLUTE_LIFETIME_MS);
}

// Both parts are 160-bit random, base32: the id finds the row, the secret proves possession.
export function newSession(userId: number, now = Date.now()): NewSession {
  const id = generateSecret();
  const secret = generateSecret();
  return {
    session: { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt: expiryOf(now, now) },
    token: `${id}.${secret}`,
    statement: {
      sql: 'insert into auth_sessions (id, secret_hash, user_id, created_at, last_verified_at) values (?, ?, ?, ?, ?)',
      args: [id, hashSessionSecret(secret), userId, now, now],
    },
  };
}

export async function createSession(db: Db, userId: number, now = Date.now()): Promise<{ session: AuthSession; token: string }> {
  const { session, token, statement } = newSession(userId, now);
  await db.$client.execute(statement);
  return { session, token };
}

const TOKEN_FORMAT = /^([a-z2-7]{16,64})\.([a-z2-7]{16,64})$/;

// The session and its (active) user, or null for a malformed, unknown, wrong or expired token.
export async function validateSessionToken(db: Db, token: string, now = Date.now()): Promise<ValidatedSession | null> {
  const match = TOKEN_FORMAT.exec(token);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const rs = await db.$client.execute({
    sql: `select s.id, s.secret_hash, s.created_at, s.last_verified_at, ${USER_COLUMNS}
          from auth_sessions s join users u on u.id = s.user_id ${USER_JOIN} where s.id = ?`,
    args: [id],
  });
  const row = rs.rows[0] as Record<string, unknown> | undefined;
  if (!row) return null;
  const createdAt = Number(row.created_at);
  let lastVerifiedAt = Number(row.last_verified_at);
  if (now >= expiryOf(createdAt, lastVerifiedAt)) {
    await invalidateSession(db, id);
    return null;
  }
  const stored = new Uint8Array(row.secret_hash as ArrayBuffer);
  if (!constantTimeEqual(hashSessionSecret(secret), stored)) return null;
  const user = toUserRecord(row);
  if (!user.active) return null;
  let refreshed = false;
  if (now - lastVerifiedAt >= REFRESH_INTERVAL_MS) {
    await db.$client.execute({ sql: 'update auth_sessions set last_verified_at = ? where id = ?', args: [now, id] });
    lastVerifiedAt = now;
    refreshed = true;
  }
  const session = { id, userId: user.id, createdAt, lastVerifiedAt, expiresAt: expiryOf(createdAt, lastVerifiedAt) };
  return { session, user: toSessionUser(user), refreshed };
}

export function invalidateSessionStatement(sessionId: string): InStatement {
  return { sql: 'delete from auth_sessions where id = ?', args: [sessionId] };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.$client.execute(invalidateSessionStatement(sessionId));
}

// "Sign out everywhere"; `keep` spares the session making the request (after a password change).
export function invalidateUserSessionsStatement(userId: number, keep?: string): InStatement {
  return keep
    ? { sql: 'delete from auth_sessions where user_id = ? and id <> ?', args: [userId, keep] }
    : { sql: 'delete from auth_sessions where user_id = ?', args: [userId] };
}

export async function invalidateUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  await db.$client.execute(invalidateUserSessionsStatement(userId, keep));
}

// Secure whenever the browser reached us over https, directly or through a proxy, or in production.
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number, secure: boolean): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: new Date(expiresAt) });
}

export function deleteSessionCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}

type CookieContext = { cookies: AstroCookies; request: Request; url: URL };

// The same two, with Secure decided from the request itself.
export function setSessionCookieFor(context: CookieContext, token: string, expiresAt: number): void {
  setSessionCookie(context.cookies, token, expiresAt, isHttps(context.request, context.url));
}

export function deleteSessionCookieFor(context: CookieContext): void {
  deleteSessionCookie(context.cookies, isHttps(context.request, context.url));
}
