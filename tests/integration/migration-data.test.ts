// A migration that rebuilds a table (a CHECK changed: users' roles gained "coordinator") must keep
// every row, and every row pointing at it: foreign keys are off while migrations run, so the
// cascades of the old table's DROP never fire (src/platform/db/local-client.server.ts).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations, MIGRATIONS_FOLDER } from '~/platform/db/migrate.server';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The migrations folder as it was before issue 14: every migration before the one that rebuilds users.
function migrationsBeforeThisOne(): string {
  const folder = join(dir, 'before');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const mine = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_privacy_roles'));
  const before = journal.entries.slice(0, mine);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  for (const e of before) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  return folder;
}

it('keeps users, their sessions, tokens and bookings through the users table rebuild', async () => {
  const url = `file:${join(dir, 'passerelle.db')}`;
  const db = openDb(url);
  await prepareConnection(db, url);
  await applyMigrations(db, migrationsBeforeThisOne());
  const c = db.$client;
  await c.batch(
    [
      `insert into organisations (slug, name) values ('ligue', 'Ligue'), ('drane', 'Drane')`,
      `insert into users (email, name, role, organisation_id, password_hash) values ('t@ligue.test', 'Nadia', 'trainer', 1, 'h'), ('p@ac.fr', 'Claire', 'teacher', null, 'h')`,
      `insert into auth_sessions (id, secret_hash, user_id, created_at, last_verified_at) values ('s1', x'00', 1, 1, 1)`,
      `insert into user_tokens (user_id, purpose, token_hash, expires_at) values (2, 'verify-email', 'th', 9)`,
      `insert into sessions (organisation_id, trainer_id, title, audience, starts_at, ends_at, venue_name, capacity) values (1, 1, 'Atelier', 'parent', 10, 20, 'Salle', 5)`,
      `insert into registrations (session_id, status, user_id, first_name, code) values (1, 'confirmed', 2, 'Claire', 'ABCDEF')`,
    ],
    'write',
  );
  await applyMigrations(db);
  const one = async (sql: string) => (await c.execute(sql)).rows[0];
  expect(await one('select count(*) as n from users')).toMatchObject({ n: 2 });
  expect(await one('select count(*) as n from auth_sessions')).toMatchObject({ n: 1 });
  expect(await one('select count(*) as n from user_tokens')).toMatchObject({ n: 1 });
  expect(await one('select trainer_id from sessions')).toMatchObject({ trainer_id: 1 });
  expect(await one('select user_id, consent_version from registrations')).toMatchObject({ user_id: 2, consent_version: null });
  expect(await one(`select audience from organisations where slug = 'ligue'`)).toMatchObject({ audience: 'parent' });
  expect(await one(`select audience from organisations where slug = 'drane'`)).toMatchObject({ audience: 'teacher' });
  expect(await one('pragma foreign_key_check')).toBeUndefined();
  // The new role is accepted, an unknown one still refused.
  await c.execute(`insert into users (email, name, role, organisation_id) values ('c@ligue.test', 'Lina', 'coordinator', 1)`);
  await expect(c.execute(`insert into users (email, name, role) values ('x@x.test', 'X', 'boss')`)).rejects.toThrow(/CHECK/);
  c.close();
});
