// A test file's city and portal. testCity(): a fresh database file holding the small test
// city, gone after the file's tests. testPortal(): the same with `seed` on top, then the built
// server on it. Hooks the file registers after calling either run once it is up (and their
// afterAll hooks before it is torn down).
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '~/platform/db/db.server';
import { createTestDb, type TestDb } from './db';
import { startServer, type RunningServer } from './server';
import { createWorld } from './world';

export interface TestPortal {
  readonly db: Db;
  readonly url: string;
  readonly server: RunningServer;
}

export function testCity(): { readonly db: Db } {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    await createWorld(t.db);
  });
  afterAll(() => t?.close());
  return {
    get db() {
      return t!.db;
    },
  };
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
