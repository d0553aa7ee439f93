// The database of the release before this one (commit 16d48cb: its schema, its demo data, a
// booking round and a scheduler round on it, as tests/fixtures/release-16d48cb.sql.gz), started
// with today's code: every migration applies, every row is still there, the domain rules hold,
// and the portal serves it. Once on an embedded file, once on a libSQL server (sqld).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { and, eq, getTableName, is, notLike, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from '~db/schema';
import { openDb, type Db } from '~/platform/db/db.server';
import { MIGRATIONS_FOLDER } from '~/platform/db/migrate.server';
import { PRESENCE_PREFIX } from '~/platform/observability/presence.server';
import { Client, enrolTotp, freshTotpCode } from '~tests/helpers/auth';
import { NO_VIOLATIONS, violations } from '~tests/helpers/invariants';
import { startServer, type RunningServer } from '~tests/helpers/server';
import { replaceSqldDatabase, startSqld, type TestSqld } from '~tests/helpers/sqld';

const FIXTURE = 'tests/fixtures/release-16d48cb.sql.gz';
const DAY = 24 * 60 * 60_000;
const TABLES = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));

async function tableNames(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
  return new Set(rows.map((r) => r.name));
}

// Rows per table of today's schema that the database has (a running server's own presence
// lease aside: it comes and goes with the server).
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const present = await tableNames(db);
  const counts: Record<string, number> = {};
  for (const table of TABLES) if (present.has(getTableName(table))) counts[getTableName(table)] = await db.$count(table);
  if (present.has('job_leases'))
    counts.job_leases = await db.$count(schema.jobLeases, notLike(schema.jobLeases.name, `${PRESENCE_PREFIX}%`));
  return counts;
}

async function journalRows(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
  return Number(row?.n ?? 0);
}

// The fixture as a SQLite file, the way the old release left it.
async function fixtureFile(dir: string): Promise<{ file: string; counts: Record<string, number>; journal: number }> {
  const file = join(dir, 'before.db');
  const db = openDb(`file:${file}`);
  await db.$client.executeMultiple(gunzipSync(readFileSync(FIXTURE)).toString('utf8'));
  const before = { file, counts: await rowCounts(db), journal: await journalRows(db) };
  db.$client.close();
  return before;
}

function upgradeChecks(setup: (file: string) => Promise<{ url: string; stop?: () => Promise<void> }>) {
  let dir: string;
  let before: Awaited<ReturnType<typeof fixtureFile>>;
  let server: RunningServer;
  let db: Db;
  let teardown: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-upgrade-'));
    before = await fixtureFile(dir);
    const target = await setup(before.file);
    teardown = target.stop;
    // No background jobs: nothing but the upgrade may change a row.
    server = await startServer({ DATABASE_URL: target.url, BACKGROUND_JOBS: 'off' });
    db = openDb(target.url);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    db?.$client.close();
    await teardown?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from a real database of the previous release', () => {
    expect(before.journal).toBeGreaterThan(0);
    expect(before.counts.registrations).toBeGreaterThan(10_000);
    expect(before.counts.sessions).toBeGreaterThan(100);
    expect(before.counts.outbox).toBeGreaterThan(0);
    expect(before.counts.job_runs).toBeGreaterThan(0);
  });

  it('applies every migration of this release and keeps every row', async () => {
    expect(await journalRows(db)).toBe(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length);
    const after = await rowCounts(db);
    for (const [table, n] of Object.entries(before.counts)) expect({ table, n: after[table] }).toEqual({ table, n });
    // Every table of today's schema exists, old or new.
    expect(Object.keys(after).sort()).toEqual(TABLES.map((t) => getTableName(t)).sort());
  });

  it('holds every domain rule', async () => {
    expect(await violations(db)).toEqual(NO_VIOLATIONS);
  });

  it('serves the old data: the catalog, a demo admin signing in, readiness, a new booking', async () => {
    const catalog = await fetch(`${server.url}/api/v1/sessions`);
    expect(catalog.status).toBe(200);

    // Administrators now need two-step verification: the demo one sets up its authenticator.
    const email = 'admin@demo.passerelle.test';
    const [demoAdmin] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
    await enrolTotp(db, { id: demoAdmin!.id, email });
    const admin = new Client(server.url);
    const login = await admin.postJson('/api/v1/auth/login', { email, password: 'Calanques-Demo-2026', totp: await freshTotpCode(email) });
    expect(login.status, login.text).toBe(200);
    const readiness = await admin.get('/api/v1/readiness');
    expect(readiness.status).toBe(200);
    expect(readiness.json<{ schools: unknown[] }>().schools.length).toBe(before.counts.schools);

    // The fixture's dates are behind us by now: move one parent workshop a week ahead.
    const [session] = await db
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(and(eq(schema.sessions.audience, 'parent'), eq(schema.sessions.status, 'scheduled')))
      .limit(1);
    const id = session!.id;
    const startsAt = Date.now() + 7 * DAY;
    await db
      .update(schema.sessions)
      .set({ startsAt, endsAt: startsAt + 2 * 60 * 60_000, capacity: 1_000 })
      .where(eq(schema.sessions.id, id));
    const booked = await new Client(server.url).postJson(`/api/v1/sessions/${id}/registrations`, {
      firstName: 'Après',
      lastName: 'Migration',
      email: 'apres.migration@example.test',
      consent: true,
    });
    expect(booked.status, booked.text).toBe(201);
    expect(booked.json<{ registration: { status: string } }>().registration.status).toBe('confirmed');
    expect(await db.$count(schema.registrations)).toBe(before.counts.registrations! + 1);
    expect(await db.$count(schema.outbox)).toBeGreaterThan(before.counts.outbox!);
    expect(await violations(db)).toEqual(NO_VIOLATIONS);
  });
}

describe('upgrading an embedded database file from the previous release', () => {
  upgradeChecks(async (file) => ({ url: `file:${file}` }));
});

describe('upgrading a libSQL server (sqld) from the previous release', () => {
  upgradeChecks(async (file) => {
    const sqld: TestSqld = await startSqld();
    await replaceSqldDatabase(sqld, file);
    return { url: sqld.url, stop: () => sqld.close() };
  });
});
