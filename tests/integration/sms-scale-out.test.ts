// Two instances on one libSQL server, both bound to the SMSC: every phone-only booking's SMS
// leaves once, and each receipt, whichever instance the SMSC hands it to, is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '~/platform/db/db.server';
import { startServer, type RunningServer } from '../helpers/server';
import { startSmsc, type TestSmsc } from '../helpers/smpp';
import { startSqld, type TestSqld } from '../helpers/sqld';
import { createSession, createWorld } from '../helpers/world';

describe('two instances sending SMS', () => {
  let sqld: TestSqld;
  let smsc: TestSmsc;
  let db: Db;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    [sqld, smsc] = await Promise.all([startSqld(), startSmsc()]);
    const env = { DATABASE_URL: sqld.url, SMS_URL: smsc.url, OUTBOX_POLL_MS: '100' };
    servers = await Promise.all([startServer(env), startServer(env)]);
    db = openDb(sqld.url);
    await createWorld(db);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    db?.$client.close();
    await smsc?.stop();
    await sqld?.close();
  });

  it('40 phone-only bookings split across both: every SMS once, every one delivered', { timeout: 60_000 }, async () => {
    const sessionId = await createSession(db, { capacity: 20 });
    const phone = (i: number) => `+336399830${String(i).padStart(2, '0')}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${servers[i % 2]!.url}/api/v1/sessions/${sessionId}/registrations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Réseau', phone: phone(i), consent: true }),
        }).then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s !== 201)).toEqual([]);
    await smsc.waitFor(40, 40_000);
    // Both instances bound: the SMSC saw two sessions.
    expect(smsc.binds.filter((b) => b.ok).length).toBeGreaterThanOrEqual(2);
    const deadline = Date.now() + 20_000;
    let rows: [unknown, number][] = [];
    while (Date.now() < deadline) {
      const rs = await db.$client.execute(`select status, count(*) as n from outbox group by status`);
      rows = rs.rows.map((r) => [r.status, Number(r.n)]);
      if (rows.length === 1 && rows[0]![0] === 'delivered') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([['delivered', 40]]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smsc.messages).toHaveLength(40);
    expect(new Set(smsc.messages.map((m) => m.to)).size).toBe(40);
    const kinds = smsc.messages.map((m) => (m.text.startsWith('Votre place est réservée') ? 'confirmed' : 'waitlisted'));
    expect(kinds.filter((k) => k === 'confirmed')).toHaveLength(20);
  });
});
