// Scale-out (DESIGN.md, "Scale"): several instances on one libSQL server (sqld). They migrate
// safely when they start together, never overbook across instances, and their outbox workers
// send every message exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { startServer, type RunningServer } from '../helpers/server';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startSqld, type TestSqld } from '../helpers/sqld';
import { createSession, createWorld } from '../helpers/world';

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
  let sqld: TestSqld;
  let smtp: TestSmtp;
  let db: Db;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    [sqld, smtp] = await Promise.all([startSqld(), startSmtp()]);
    const env = { DATABASE_URL: sqld.url, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' };
    // Both start at the same moment, on an empty database: both try to migrate.
    servers = await Promise.all([startServer(env), startServer(env)]);
    db = openDb(sqld.url);
    await createWorld(db);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    db?.$client.close();
    await smtp?.stop();
    await sqld?.close();
  });

  it(
    '200 simultaneous bookings split across both for 10 seats: 10 confirmed, 190 waitlisted, every mail once',
    { timeout: 60_000 },
    async () => {
      const sessionId = await createSession(db, { capacity: 10 });
      const email = (i: number) => `parent${i}@example.fr`;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${servers[i % 2]!.url}/api/v1/sessions/${sessionId}/registrations`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Réseau', email: email(i), consent: true }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { registration: { status: string } } })),
        ),
      );
      expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      const statuses = results.map((r) => r.body.registration.status);
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);

      const rows = await db.$client.execute({
        sql: `select count(*) as n, count(distinct email) as people,
              coalesce(sum(case when status = 'confirmed' then adults end), 0) as seats from registrations where session_id = ?`,
        args: [sessionId],
      });
      expect(rows.rows[0]).toMatchObject({ n: 200, people: 200, seats: 10 });

      // Both outbox workers share the queue: each person hears once, and of the right thing.
      await smtp.waitFor(200, 40_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.mails).toHaveLength(200);
      const recipients = smtp.mails.flatMap((m) => m.to);
      expect(new Set(recipients).size).toBe(200);
      const kinds = smtp.mails.map((m) => String(m.parsed.headers.get('x-passerelle-kind')));
      expect(kinds.filter((k) => k === 'confirmed')).toHaveLength(10);
      expect(kinds.filter((k) => k === 'waitlisted')).toHaveLength(190);
      const outbox = await db.$client.execute(`select status, count(*) as n from outbox group by status`);
      expect(outbox.rows.map((r) => [r.status, Number(r.n)])).toEqual([['sent', 200]]);
    },
  );
});
