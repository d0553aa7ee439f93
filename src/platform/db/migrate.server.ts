// Applies db/migrations with drizzle's libSQL migrator, safely when several instances start
// together against one libSQL server.
//
// Why this is safe without a lock: drizzle applies every pending migration, with its journal
// row, in one atomic batch. Two instances may both see the same migration as pending; the
// unique index on the journal's hash makes the second batch fail (at its first CREATE TABLE,
// or at the latest at its journal insert, even for a migration that could run twice) and roll
// back whole. The loser then re-reads the journal: if the winner applied everything, it is
// done; if not (it lost to a busy database), it tries again. A lease row would also work but
// needs an expiry guess, and a crashed instance would hold the others back until it ran out.
import { resolve } from 'node:path';
import { getTableName, max, sql } from 'drizzle-orm';
import { integer, numeric, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './db.server';

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');
// drizzle's own journal table (not in db/schema.ts: drizzle-kit must not manage it).
const journal = sqliteTable('__drizzle_migrations', {
  id: integer('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: numeric('created_at', { mode: 'number' }),
});

async function prepareJournal(db: Db) {
  // raw: DDL for a table drizzle-kit does not own. The same definition drizzle uses, so its
  // own `create table if not exists` is a no-op; the unique index is what makes racing safe.
  await db.run(sql`create table if not exists ${journal} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  await db.run(sql`create unique index if not exists ${sql.identifier(`${getTableName(journal)}_hash_uq`)} on ${journal} (hash)`);
}

// The newest migration the database has applied and the newest this code knows (epoch ms).
export async function migrationMarks(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<{ applied: number; known: number }> {
  const known = Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const [newestApplied] = await db.select({ at: max(journal.createdAt) }).from(journal);
  return { applied: Number(newestApplied?.at ?? 0), known };
}

// Drizzle's own test: applied when the newest journal row is at least as new as the folder.
async function isUpToDate(db: Db, migrationsFolder: string): Promise<boolean> {
  const { applied, known } = await migrationMarks(db, migrationsFolder);
  return applied >= known;
}

export async function applyMigrations(db: Db, migrationsFolder = MIGRATIONS_FOLDER, { attempts = 5 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      await prepareJournal(db);
      await migrate(db, { migrationsFolder });
      return;
    } catch (error) {
      // Another instance applied them while we tried: nothing left to do.
      if (await isUpToDate(db, migrationsFolder).catch(() => false)) return;
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 100));
    }
  }
}
