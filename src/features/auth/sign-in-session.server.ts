// Sign-in sessions, Lucia's way: the cookie carries `<id>.<secret>`, the database only the
// SHA-256 of the secret, so a leaked table does not let anyone in.
import type { AstroCookies } from 'astro';
import { and, eq, ne, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { authSessions, organisations, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { generateSecret } from '~/platform/text/tokens';
import { isHttps } from '~/platform/http/web-security';
import { toSessionUser, USER_ORGANISATION, USER_RECORD, type SessionUser } from '~/features/accounts/users.server';

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

function hashSessionSecret(secret: string): Buffer {
  return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

function expiryOf(createdAt: number, lastVerifiedAt: number): number {
  return Math.min(lastVerifiedAt + INACTIVITY_TIMEOUT_MS, createdAt + ABSOLUTE_LIFETIME_MS);
}

// Both parts are 160-bit random, base32: the id finds the row, the secret proves possession.
// `statement` is the insert, for a batch that also writes the audit entry.
export function newSession(db: Db, userId: number, now = Date.now()) {
  const id = generateSecret();
  const secret = generateSecret();
  const session: AuthSession = { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt: expiryOf(now, now) };
  const secretHash = hashSessionSecret(secret);
  const statement = db.insert(authSessions).values({ id, secretHash, userId, createdAt: now, lastVerifiedAt: now });
  return { session, token: `${id}.${secret}`, statement };
}

export async function createSession(db: Db, userId: number, now = Date.now()): Promise<{ session: AuthSession; token: string }> {
  const { session, token, statement } = newSession(db, userId, now);
  await statement;
  return { session, token };
}

const TOKEN_FORMAT = /^([a-z2-7]{16,64})\.([a-z2-7]{16,64})$/;

// Every signed-in request reads its session, so the queries are built once (prepared.ts).
const placeholder = sql.placeholder;
const sessionWithUser = (db: Db) =>
  preparedOnce(db, 'auth.session', () =>
    db
      .select({
        secretHash: authSessions.secretHash,
        createdAt: authSessions.createdAt,
        lastVerifiedAt: authSessions.lastVerifiedAt,
        user: USER_RECORD,
      })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .leftJoin(organisations, USER_ORGANISATION)
      .where(eq(authSessions.id, placeholder('id')))
      .prepare(),
  );
const sessionSeen = (db: Db) =>
  preparedOnce(db, 'auth.session-seen', () =>
    db
      .update(authSessions)
      .set({ lastVerifiedAt: sql`${placeholder('now')}` })
      .where(eq(authSessions.id, placeholder('id')))
      .prepare(),
  );

// The session and its (active) user, or null for a malformed, unknown, wrong or expired token.
export async function validateSessionToken(db: Db, token: string, now = Date.now()): Promise<ValidatedSession | null> {
  const match = TOKEN_FORMAT.exec(token);
  if (!match) return null;
  const [, id = '', secret = ''] = match;
  const row = await sessionWithUser(db).get({ id });
  if (!row) return null;
  const { createdAt, user } = row;
  let lastVerifiedAt = row.lastVerifiedAt;
  if (now >= expiryOf(createdAt, lastVerifiedAt)) {
    await invalidateSession(db, id);
    return null;
  }
  if (!constantTimeEqual(hashSessionSecret(secret), new Uint8Array(row.secretHash))) return null;
  if (!user.active) return null;
  let refreshed = false;
  if (now - lastVerifiedAt >= REFRESH_INTERVAL_MS) {
    await sessionSeen(db).run({ id, now });
    lastVerifiedAt = now;
    refreshed = true;
  }
  const session = { id, userId: user.id, createdAt, lastVerifiedAt, expiresAt: expiryOf(createdAt, lastVerifiedAt) };
  return { session, user: toSessionUser(user), refreshed };
}

export function invalidateSessionStatement(db: Db, sessionId: string) {
  return db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await invalidateSessionStatement(db, sessionId);
}

// "Sign out everywhere"; `keep` spares the session making the request (after a password change).
export function invalidateUserSessionsStatement(db: Db, userId: number, keep?: string) {
  return db.delete(authSessions).where(and(eq(authSessions.userId, userId), keep ? ne(authSessions.id, keep) : undefined));
}

export async function invalidateUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  await invalidateUserSessionsStatement(db, userId, keep);
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
