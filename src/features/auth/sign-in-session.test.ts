import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '~tests/helpers/db';
import { createWorld } from '~tests/helpers/world';
import { SYSTEM } from '~/features/audit/audit.server';
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from './sign-in-session.server';
import { ABSOLUTE_LIFETIME_MS, STANDARD_SESSIONS, STRICT_SESSIONS } from './session-policy';
import { createUser } from '~/features/accounts/users.server';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
let t: TestDb;
let userId: number;
let draneId: number;

beforeAll(async () => {
  t = await createTestDb();
  await createWorld(t.db);
  const created = await createUser(
    t.db,
    { role: 'trainer', email: 'Formatrice@Ligue13.test', name: 'Nadia Formatrice', organisationSlug: 'ligue' },
    SYSTEM,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  userId = created.user.id;
  const drane = await createUser(
    t.db,
    { role: 'drane', email: 'sophie@ac-aix-marseille.fr', name: 'Sophie', organisationSlug: 'drane' },
    SYSTEM,
  );
  if (!drane.ok) throw new Error(JSON.stringify(drane.errors));
  draneId = drane.user.id;
});
afterAll(() => t.close());

describe('session tokens', () => {
  it('are an id and a secret, both long random base32, and only the secret hash is stored', async () => {
    const { token, session } = await createSession(t.db, userId);
    const [id, secret] = token.split('.');
    expect(id).toMatch(/^[a-z2-7]{32}$/);
    expect(secret).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(id);
    const rs = await t.db.$client.execute({ sql: 'select * from auth_sessions where id = ?', args: [id!] });
    const row = rs.rows[0]!;
    expect(JSON.stringify(Object.values(row))).not.toContain(secret);
    expect(new Uint8Array(row.secret_hash as ArrayBuffer).byteLength).toBe(32);
  });

  it('open the session of its user, with what pages need and no password hash', async () => {
    const { token } = await createSession(t.db, userId);
    const result = await validateSessionToken(t.db, token);
    expect(result?.user).toEqual({
      id: userId,
      email: 'formatrice@ligue13.test',
      name: 'Nadia Formatrice',
      role: 'trainer',
      organisationId: 1,
      organisationSlug: 'ligue',
      schoolUai: null,
      emailVerified: true,
    });
  });

  it('refuse a wrong secret, an unknown id and a malformed token', async () => {
    const { token } = await createSession(t.db, userId);
    const [id, secret] = token.split('.') as [string, string];
    const other = secret.replace(/^./, secret[0] === 'a' ? 'b' : 'a');
    expect(await validateSessionToken(t.db, `${id}.${other}`)).toBeNull();
    expect(await validateSessionToken(t.db, `${'a'.repeat(32)}.${secret}`)).toBeNull();
    for (const bad of ['', id, `${id}.`, `${id}.${secret}.x`, `${id}.${secret.toUpperCase()}`]) {
      expect(await validateSessionToken(t.db, bad)).toBeNull();
    }
    // A wrong secret does not end the real session.
    expect(await validateSessionToken(t.db, token)).not.toBeNull();
  });
});

describe('session lifetime', () => {
  it('is 12 hours for a trainer, however it is used, and the row goes at the end', async () => {
    const start = Date.now();
    const { token, session } = await createSession(t.db, userId, start, 'trainer');
    expect(session.expiresAt).toBe(start + 12 * HOUR);
    const soon = await validateSessionToken(t.db, token, start + STANDARD_SESSIONS.refreshMs - 1);
    expect(soon?.refreshed).toBe(false);
    expect(soon?.session.lastVerifiedAt).toBe(start);
    for (let at = start + 2 * HOUR; at < start + ABSOLUTE_LIFETIME_MS; at += 2 * HOUR) {
      expect(await validateSessionToken(t.db, token, at)).not.toBeNull();
    }
    const last = await validateSessionToken(t.db, token, start + ABSOLUTE_LIFETIME_MS - 1);
    expect(last?.session.expiresAt).toBe(start + ABSOLUTE_LIFETIME_MS);
    expect(await validateSessionToken(t.db, token, start + ABSOLUTE_LIFETIME_MS)).toBeNull();
    const rs = await t.db.$client.execute({ sql: 'select 1 from auth_sessions where id = ?', args: [session.id] });
    expect(rs.rows).toHaveLength(0);
  });

  it('ends after 30 idle minutes for Drane staff, is extended by use, and never outlives 12 hours', async () => {
    const start = Date.now();
    const idle = await createSession(t.db, draneId, start, 'drane');
    expect(idle.session.expiresAt).toBe(start + 30 * MINUTE);
    expect(await validateSessionToken(t.db, idle.token, start + STRICT_SESSIONS.idleMs)).toBeNull();

    const busy = await createSession(t.db, draneId, start, 'drane');
    let at = start;
    for (; at + 20 * MINUTE < start + ABSOLUTE_LIFETIME_MS;) {
      at += 20 * MINUTE;
      const used = await validateSessionToken(t.db, busy.token, at);
      expect(used?.refreshed).toBe(true);
      expect(used?.session.expiresAt).toBe(Math.min(at + 30 * MINUTE, start + ABSOLUTE_LIFETIME_MS));
    }
    expect(await validateSessionToken(t.db, busy.token, start + ABSOLUTE_LIFETIME_MS)).toBeNull();
  });

  it('ends on sign-out, and everywhere at once, optionally sparing one', async () => {
    const a = await createSession(t.db, userId);
    const b = await createSession(t.db, userId);
    const c = await createSession(t.db, userId);
    await invalidateSession(t.db, a.session.id);
    expect(await validateSessionToken(t.db, a.token)).toBeNull();
    await invalidateUserSessions(t.db, userId, b.session.id);
    expect(await validateSessionToken(t.db, b.token)).not.toBeNull();
    expect(await validateSessionToken(t.db, c.token)).toBeNull();
    await invalidateUserSessions(t.db, userId);
    expect(await validateSessionToken(t.db, b.token)).toBeNull();
  });

  it('stops opening anything once the account is deactivated', async () => {
    const { token } = await createSession(t.db, userId);
    await t.db.$client.execute({ sql: 'update users set active = 0 where id = ?', args: [userId] });
    expect(await validateSessionToken(t.db, token)).toBeNull();
    await t.db.$client.execute({ sql: 'update users set active = 1 where id = ?', args: [userId] });
  });
});
