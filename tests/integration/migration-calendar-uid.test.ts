// The migration that gives registrations their random calendar UID, run on a database that
// already holds bookings: those never sent an invite get a random UID, those whose invites
// are already in calendars keep the UID they carry (registration-<id>@<host>).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations, MIGRATIONS_FOLDER } from '~/platform/db/migrate.server';
import { inviteUid } from '~/features/calendar/invite';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// db/migrations as it was before this migration: the first entry of the journal only.
function migrationsUpTo(count: number): string {
  const folder = join(dir, `migrations-${count}`);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

it('fills calendar_uid with random values, keeping the UID of invites already sent', async () => {
  const url = `file:${join(dir, 'passerelle.db')}`;
  const db = openDb(url);
  await prepareConnection(db, url);
  await applyMigrations(db, migrationsUpTo(1));
  const run = (sql: string) => db.$client.execute(sql);
  await run(`insert into organisations (slug, name) values ('ligue', 'Ligue')`);
  await run(`insert into sessions (organisation_id, title, audience, starts_at, ends_at, venue_name, capacity)
    values (1, 'Atelier', 'parent', 1900000000000, 1900007200000, 'École', 10)`);
  for (const [code, sequence] of [
    ['AAA111', 0],
    ['BBB222', 0],
    ['CCC333', 2],
  ] as const) {
    await run(`insert into registrations (session_id, status, email, code, invite_sequence)
      values (1, '${sequence ? 'confirmed' : 'waitlisted'}', '${code}@example.fr', '${code}', ${sequence})`);
  }

  await applyMigrations(db);
  const rows = (await run(`select id, code, calendar_uid from registrations order by code`)).rows;
  const [a, b, c] = rows.map((r) => ({ id: Number(r.id), uid: r.calendar_uid as string | null }));
  expect(a!.uid).toMatch(/^[0-9a-f]{32}$/);
  expect(b!.uid).toMatch(/^[0-9a-f]{32}$/);
  expect(a!.uid).not.toBe(b!.uid);
  expect(c!.uid).toBeNull();
  expect(inviteUid(c!.id, c!.uid)).toBe(`registration-${c!.id}@localhost`);
  expect(inviteUid(a!.id, a!.uid)).toBe(`${a!.uid}@passerelle`);
  // Staff keep getting the weekly report until they turn it off.
  await run(`insert into users (email, name, role) values ('sophie@example.fr', 'Sophie', 'drane')`);
  expect(Number((await run(`select weekly_report from users`)).rows[0]!.weekly_report)).toBe(1);
  db.$client.close();
});
