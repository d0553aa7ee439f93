// A fresh, migrated database file per test file: the real engine, nothing mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  close(): void;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  const url = `file:${join(dir, 'passerelle.db')}`;
  const db = openDb(url);
  await prepareConnection(db, url);
  await applyMigrations(db);
  return {
    db,
    url,
    dir,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
