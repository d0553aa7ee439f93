// A test file's portal: a fresh database file holding the small test city, `seed` on top,
// then the built server on it; both gone after the file's tests. Hooks the file registers
// after calling this run once the portal is up.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { createTestDb, type TestDb } from './db';
import { startServer, type RunningServer } from './server';
import { createWorld } from './world';

export interface TestPortal {
  readonly db: Db;
  readonly url: string;
  readonly server: RunningServer;
}

export function testPortal({ env = {}, seed }: { env?: Record<string, string>; seed?: (db: Db) => Promise<void> } = {}): TestPortal {
  let t: TestDb | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    await createWorld(t.db);
    await seed?.(t.db);
    server = await startServer({ DATABASE_URL: t.url, ...env });
  });
  afterAll(async () => {
    await server?.stop();
    t?.close();
  });
  return {
    get db() {
      return t!.db;
    },
    get url() {
      return server!.url;
    },
    get server() {
      return server!;
    },
  };
}
