// The one database handle. An embedded libSQL file by default; a libSQL server (sqld, Turso)
// when DATABASE_URL is http(s):// or libsql://. Same code, same migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../../../db/schema';
import { config } from './config';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

function isFileUrl(url: string) {
  return url.startsWith('file:') || url === ':memory:';
}

export function openDb(url = config.databaseUrl, authToken = config.databaseAuthToken): Db {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path && !path.startsWith(':')) mkdirSync(dirname(path), { recursive: true });
  }
  // One connection for an embedded file: libSQL's local calls are synchronous, so more
  // connections would only add lock contention; per-connection pragmas then hold.
  const client = createClient({ url, authToken, ...(isFileUrl(url) ? { concurrency: 1 } : {}) });
  return drizzle(client, { schema }) as Db;
}

// Per-connection settings for an embedded file: WAL so readers never wait for the writer,
// a busy timeout so concurrent single-statement writes queue instead of failing.
export async function prepareConnection(db: Db, url = config.databaseUrl) {
  if (!isFileUrl(url)) return;
  await db.$client.execute('PRAGMA journal_mode = WAL');
  await db.$client.execute('PRAGMA busy_timeout = 5000');
  await db.$client.execute('PRAGMA synchronous = NORMAL');
  await db.$client.execute('PRAGMA foreign_keys = ON');
}

let shared: Db | undefined;
let ready: Promise<void> | undefined;

export function getDb(): Db {
  shared ??= openDb();
  return shared;
}

// Awaited by the request pipeline before the first query, so pragmas are in place.
export function dbReady(): Promise<void> {
  ready ??= prepareConnection(getDb());
  return ready;
}
