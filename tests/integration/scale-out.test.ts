// Scale-out (DESIGN.md, "Scale"): several instances on one libSQL server (sqld). They migrate
// safely when they start together, never overbook across instances, and their outbox workers
// send every message exactly once. The primary + replica layout: scale-out-replicas.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { expectTenSeatsEveryMailOnce, startScaleOut, type ScaleOut } from '../helpers/scale-out';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startSqld, type TestSqld } from '../helpers/sqld';

describe('migrations', () => {
  let sqld: TestSqld;
  beforeAll(async () => {
    sqld = await startSqld();
  });
  afterAll(async () => {
    await sqld?.close();
  });

  it('are applied once when four instances start at the same moment', async () => {
    const dbs = Array.from({ length: 4 }, () => openDb(sqld.url));
    await Promise.all(dbs.map((db) => applyMigrations(db)));
    const journal = await dbs[0]!.$client.execute('select hash, count(*) as n from __drizzle_migrations group by hash');
    expect(journal.rows.length).toBeGreaterThan(0);
    expect(journal.rows.every((r) => Number(r.n) === 1)).toBe(true);
    // And again, now that there is nothing to do.
    await Promise.all(dbs.map((db) => applyMigrations(db)));
    const again = await dbs[0]!.$client.execute('select count(*) as n from __drizzle_migrations');
    expect(Number(again.rows[0]!.n)).toBe(journal.rows.length);
    for (const db of dbs) db.$client.close();
  });
});

describe('two instances on one libSQL server', () => {
  let smtp: TestSmtp;
  let scale: ScaleOut;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Both start at the same moment, on an empty database: both try to migrate.
    scale = await startScaleOut({ instances: 2, env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await scale?.stop();
    await smtp?.stop();
  });

  it('200 simultaneous bookings split across both for 10 seats: 10 confirmed, 190 waitlisted, every mail once', { timeout: 60_000 }, () =>
    expectTenSeatsEveryMailOnce(scale, smtp),
  );
});
