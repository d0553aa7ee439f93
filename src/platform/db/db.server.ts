// The one database handle. An embedded libSQL file by default; a libSQL server (sqld, Turso)
// when DATABASE_URL is http(s):// or libsql://. Same code, same migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '~db/schema';
import { config } from '~/platform/config/config';
import { isFileUrl, openClient } from './db-client.server';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

// Per connection, for an embedded file. The busy timeout is short because SQLite's wait
// blocks the event loop: longer waits for another process's lock happen between retries
// (db-client.server.ts, DATABASE_BUSY_TIMEOUT_MS).
const CONNECTION_PRAGMAS = ['PRAGMA busy_timeout = 20', 'PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON'];

export function openDb(url = config.databaseUrl, authToken = config.databaseAuthToken): Db {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path && !path.startsWith(':')) mkdirSync(dirname(path), { recursive: true });
  }
  const client = openClient({
    url,
    authToken,
    busyBudgetMs: config.databaseBusyTimeoutMs,
    remoteWriters: config.databaseWriteConcurrency,
    writeGroup: config.databaseWriteGroup,
    connectionPragmas: CONNECTION_PRAGMAS,
  });
  return drizzle(client, { schema }) as Db;
}

// For an embedded file: WAL so readers never wait for the writer (kept in the file), and
// the per-connection settings.
export async function prepareConnection(db: Db, url = config.databaseUrl) {
  if (!isFileUrl(url)) return;
  // raw: PRAGMAs are connection settings, not queries drizzle can type.
  await db.$client.execute('PRAGMA journal_mode = WAL');
  for (const pragma of CONNECTION_PRAGMAS) await db.$client.execute(pragma);
}

let shared: Db | undefined;
let ready: Promise<void> | undefined;

export function getDb(): Db {
  shared ??= openDb();
  return shared;
}

// Awaited by the request pipeline before the first query, so pragmas are in place.
export function dbReady(): Promise<void> {
  // A failed attempt (the file was busy) is tried again by the next request.
  ready ??= prepareConnection(getDb()).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
