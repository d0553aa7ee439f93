// Applies db/migrations with drizzle's libSQL migrator (idempotent: applied ones are skipped).
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './db';

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');

export async function applyMigrations(db: Db, migrationsFolder = MIGRATIONS_FOLDER) {
  await migrate(db, { migrationsFolder });
}
