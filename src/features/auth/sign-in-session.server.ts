// Sign-in sessions, Lucia's way: the cookie carries `<id>.<secret>`, the database only the
// SHA-256 of the secret, so a leaked table does not let anyone in.
import type { AstroCookies } from 'astro';
import { and, eq, isNotNull, ne, sql, type Placeholder } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { authSessions, organisations, users, userTotp } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { orFromPrimary } from '~/platform/db/own-writes';
import { generateSecret } from '~/platform/text/tokens';
import { isHttps } from '~/platform/http/web-security';
import { toSessionUser, USER_ORGANISATION, USER_RECORD, type Role, type SessionUser } from '~/features/accounts/users.server';
import { sessionExpiry, sessionPolicy } from './session-policy';

export const SESSION_COOKIE = 'passerelle_session';
// Over https the cookie carries the __Host- prefix: the browser then only accepts it Secure,
// for the whole site and from this very host (no sibling subdomain can plant or shadow it).
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const sessionCookieName = (https: boolean) => (https ? HOST_SESSION_COOKIE : SESSION_COOKIE);

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
  // The account has a confirmed authenticator (two-factor.server.ts).
  twoFactor: boolean;
}

function hashSessionSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

// Both parts are 160-bit random, base32: the id finds the row, the secret proves possession.
// `statement` is the insert and `seen` the account's last sign-in, for a batch that also
// writes the audit entry.
// `role` decides the lifetime (session-policy.ts).
export function newSession(db: Db, userId: number, role: Role, now = Date.now()) {
  const id = generateSecret();
  const secret = generateSecret();
  const expiresAt = sessionExpiry(sessionPolicy(role), now, now);
  const session: AuthSession = { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt };
  const secretHash = hashSessionSecret(secret);
  const statement = db.insert(authSessions).values({ id, secretHash, userId, createdAt: now, lastVerifiedAt: now });
  // The sign-in is the activity a teacher's record is kept from (TEACHER_RETENTION_DAYS).
  const seen = db.update(users).set({ lastSeenAt: now }).where(eq(users.id, userId));
  return { session, token: `${id}.${secret}`, statement, seen };
}

export async function createSession(
  db: Db,
  userId: number,
  now = Date.now(),
  role: Role = 'teacher',
): Promise<{ session: AuthSession; token: string }> {
  const { session, token, statement, seen } = newSession(db, userId, role, now);
  await db.batch([statement, seen]);
  return { session, token };
}

const TOKEN_FORMAT = /^([a-z2-7]{16,64})\.([a-z2-7]{16,64})$/;

// Every signed-in request reads its session, so the queries are built once (prepared.ts).
const placeholder = sql.placeholder;
function sessionQuery(db: Db, id: string | Placeholder) {
  return db
    .select({
      secretHash: authSessions.secretHash,
      createdAt: authSessions.createdAt,
      lastVerifiedAt: authSessions.lastVerifiedAt,
      user: USER_RECORD,
      totpUser: userTotp.userId,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(organisations, USER_ORGANISATION)
    .leftJoin(userTotp, and(eq(userTotp.userId, users.id), isNotNull(userTotp.enabledAt)))
    .where(eq(authSessions.id, id));
}
type SessionRow = Awaited<ReturnType<typeof sessionQuery>>[number];
const sessionWithUser = (db: Db) => preparedOnce(db, 'auth.session', () => sessionQuery(db, placeholder('id')).prepare());
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
  // Just signed in through this instance, whose sqld replica may not have the session yet.
  const row = await orFromPrimary<SessionRow>(db, (await sessionWithUser(db).get({ id })) ?? null, () => sessionQuery(db, id));
  if (!row) return null;
  const { createdAt, user } = row;
  let lastVerifiedAt = row.lastVerifiedAt;
  const policy = sessionPolicy(user.role);
  if (now >= sessionExpiry(policy, createdAt, lastVerifiedAt)) {
    await invalidateSession(db, id);
    return null;
  }
  if (!constantTimeEqual(hashSessionSecret(secret), new Uint8Array(row.secretHash))) return null;
  if (!user.active) return null;
  let refreshed = false;
  if (now - lastVerifiedAt >= policy.refreshMs) {
    await sessionSeen(db).run({ id, now });
    lastVerifiedAt = now;
    refreshed = true;
  }
  const session = { id, userId: user.id, createdAt, lastVerifiedAt, expiresAt: sessionExpiry(policy, createdAt, lastVerifiedAt) };
  return { session, user: toSessionUser(user), refreshed, twoFactor: row.totpUser !== null };
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
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: new Date(expiresAt) } as const;
  cookies.set(sessionCookieName(secure), token, options);
}

export function deleteSessionCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(sessionCookieName(secure), '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}

type CookieContext = { cookies: AstroCookies; request: Request; url: URL };

// The same two, with Secure (and the cookie's name) decided from the request itself.
export function setSessionCookieFor(context: CookieContext, token: string, expiresAt: number): void {
  setSessionCookie(context.cookies, token, expiresAt, isHttps(context.request, context.url));
}

export function deleteSessionCookieFor(context: CookieContext): void {
  deleteSessionCookie(context.cookies, isHttps(context.request, context.url));
}

// The token the request carries, under the name its scheme uses.
export function sessionTokenOf(context: CookieContext): string | undefined {
  return context.cookies.get(sessionCookieName(isHttps(context.request, context.url)))?.value;
}
