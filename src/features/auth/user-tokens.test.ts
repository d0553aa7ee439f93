import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '~tests/helpers/db';
import { SYSTEM } from '~/features/audit/audit.server';
import { hashSecret } from '~/platform/text/tokens';
import { createUser } from '~/features/accounts/users.server';
import { consumeUserToken, issueUserToken, peekUserToken, TOKEN_LIFETIME_MS } from './user-tokens.server';

let t: TestDb;
let userId: number;
beforeAll(async () => {
  t = await createTestDb();
  const created = await createUser(
    t.db,
    { role: 'admin', email: 'admin@passerelle.test', name: 'Alex', password: 'une phrase assez longue' },
    SYSTEM,
  );
  if (!created.ok) throw new Error('setup');
  userId = created.user.id;
});
afterAll(() => t.close());

async function issue(purpose: 'reset-password' | 'invite' | 'verify-email', now = Date.now()) {
  const { token, statements } = issueUserToken(t.db, { id: userId }, purpose, now);
  await t.db.batch(statements);
  return token;
}

describe('emailed link tokens', () => {
  it('are stored only as a hash', async () => {
    const token = await issue('reset-password');
    const rs = await t.db.$client.execute('select token_hash from user_tokens');
    expect(rs.rows.map((r) => r.token_hash)).toContain(hashSecret(token));
    expect(JSON.stringify(rs.rows)).not.toContain(token);
  });

  it('work once, even when used twice at the same moment', async () => {
    const token = await issue('reset-password');
    expect((await peekUserToken(t.db, token, 'reset-password'))?.id).toBe(userId);
    const [a, b] = await Promise.all([consumeUserToken(t.db, token, 'reset-password'), consumeUserToken(t.db, token, 'reset-password')]);
    expect([a, b].filter((x) => x === userId)).toHaveLength(1);
    expect(await peekUserToken(t.db, token, 'reset-password')).toBeNull();
  });

  it('expire after their lifetime and serve only their purpose', async () => {
    const start = Date.now();
    const token = await issue('reset-password', start);
    expect(await peekUserToken(t.db, token, 'invite', start)).toBeNull();
    expect(await consumeUserToken(t.db, token, 'reset-password', start + TOKEN_LIFETIME_MS['reset-password'])).toBeNull();
    expect(TOKEN_LIFETIME_MS['reset-password']).toBe(60 * 60 * 1000);
  });

  it('are replaced by a newer link of the same purpose', async () => {
    const older = await issue('verify-email');
    const newer = await issue('verify-email');
    expect(await consumeUserToken(t.db, older, 'verify-email')).toBeNull();
    expect(await consumeUserToken(t.db, newer, 'verify-email')).toBe(userId);
  });

  it('ignore what does not look like a token', async () => {
    expect(await peekUserToken(t.db, "' or 1=1 --", 'invite')).toBeNull();
  });
});
