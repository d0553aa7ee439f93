// A test file's city and portal. testCity(): a fresh database file holding the small test
// city (and `seed` on top), gone after the file's tests. testPortal(): the same, then the
// built server on it. Call either at the top of a file or inside a describe(); hooks
// registered after the call run once it is up (and their afterAll hooks before it is torn
// down), so a hook registered before it (an SMTP listener) is up first and `env` may be a
// function that reads it.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '~/platform/db/db.server';
import { createTestDb, type TestDb } from './db';
import { startServer, type RunningServer } from './server';
import { createWorld, type World } from './world';

export interface TestCity {
  readonly db: Db;
  /** The database's address, for a second connection, a CLI run or another server. */
  readonly databaseUrl: string;
  readonly world: World;
}

export interface TestPortal extends TestCity {
  readonly url: string;
  readonly server: RunningServer;
}

type Seed = (db: Db) => Promise<unknown>;
type Env = Record<string, string> | (() => Record<string, string>);

function openCity({ seed }: { seed?: Seed }): { city: TestCity; open(): Promise<TestDb>; close(): void } {
  let t: TestDb | undefined;
  let world: World | undefined;
  const city: TestCity = {
    get db() {
      return t!.db;
    },
    get databaseUrl() {
      return t!.url;
    },
    get world() {
      return world!;
    },
  };
  return {
    city,
    async open() {
      t = await createTestDb();
      world = await createWorld(t.db);
      await seed?.(t.db);
      return t;
    },
    close: () => t?.close(),
  };
}

export function testCity({ seed }: { seed?: Seed } = {}): TestCity {
  const { city, open, close } = openCity({ seed });
  beforeAll(open);
  afterAll(close);
  return city;
}

export function testPortal({ env = {}, seed }: { env?: Env; seed?: Seed } = {}): TestPortal {
  const { city, open, close } = openCity({ seed });
  let server: RunningServer | undefined;
  beforeAll(async () => {
    const t = await open();
    server = await startServer({ DATABASE_URL: t.url, ...(typeof env === 'function' ? env() : env) });
  });
  afterAll(async () => {
    await server?.stop();
    close();
  });
  return Object.defineProperties(city, {
    url: { get: () => server!.url },
    server: { get: () => server! },
  }) as TestPortal;
}
