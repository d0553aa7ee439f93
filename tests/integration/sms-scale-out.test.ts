// Two instances on one libSQL server, both bound to the SMSC: every phone-only booking's SMS
// leaves once, and each receipt, whichever instance the SMSC hands it to, is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAtOnce, startScaleOut, type ScaleOut } from '../helpers/scale-out';
import { startSmsc, type TestSmsc } from '../helpers/smpp';
import { createSession } from '../helpers/world';

describe('two instances sending SMS', () => {
  let smsc: TestSmsc;
  let scale: ScaleOut;

  beforeAll(async () => {
    smsc = await startSmsc();
    scale = await startScaleOut({ instances: 2, env: { SMS_URL: smsc.url, OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await scale?.stop();
    await smsc?.stop();
  });

  it('40 phone-only bookings split across both: every SMS once, every one delivered', { timeout: 60_000 }, async () => {
    const { db } = scale;
    const sessionId = await createSession(db, { capacity: 20 });
    await scale.published(sessionId);
    const phone = (i: number) => `+336399830${String(i).padStart(2, '0')}`;
    const results = await bookAtOnce(scale.servers, sessionId, 40, (i) => ({ phone: phone(i) }));
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
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
