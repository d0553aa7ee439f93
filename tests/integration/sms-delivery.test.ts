// The outbox worker's SMS channel against a real SMPP server: an SMSC outage loses nothing
// and sends nothing twice; without SMS_URL the SMS are held (and the trainer's counts say
// those people were not told); two workers on one database send each SMS once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { createOutboxWorker, type OutboxWorkerOptions } from '~/features/mail/outbox/worker.server';
import { cancelWithReason } from '~/features/sessions/session-edit.server';
import { getSession } from '~/features/sessions/sessions.server';
import { untoldOfSession } from '~/features/notices/notices.server';
import { book, drain, testClock } from '../helpers/mail';
import { testCity } from '../helpers/portal';
import { startSmsc, type TestSmsc } from '../helpers/smpp';
import { createSession } from '../helpers/world';

const MINUTE = 60_000;

let smsc: TestSmsc;
const city = testCity();
beforeAll(async () => {
  smsc = await startSmsc();
});
afterAll(() => smsc?.stop());
beforeEach(async () => {
  await smsc.start();
  smsc.messages.length = 0;
  smsc.parts.length = 0;
  await city.db.$client.execute('delete from outbox');
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

function worker({ db = city.db, ...options }: OutboxWorkerOptions & { db?: Db } = {}) {
  const w = createOutboxWorker(db, {
    smtpUrl: null,
    smsUrl: smsc.url,
    log: () => {},
    smpp: { waitForBindMs: 300, responseTimeoutMs: 1_000, reconnect: { baseMs: 50, maxDelayMs: 200, jitter: 0 } },
    ...options,
  });
  stops.push(() => w.stop());
  return w;
}

async function statuses() {
  const rs = await city.db.$client.execute(
    `select channel, status, count(*) as n from outbox group by channel, status order by channel, status`,
  );
  return rs.rows.map((r) => [r.channel, r.status, Number(r.n)]);
}

const phone = (i: number) => `+336399820${String(i).padStart(2, '0')}`;

async function bookPhones(n: number) {
  const sessionId = await createSession(city.db, { capacity: 50 });
  for (let i = 0; i < n; i++) await book(city.db, sessionId, { email: null, phone: phone(i) });
  return sessionId;
}

async function until(ready: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('an SMSC outage', () => {
  it('loses nothing and delivers every SMS exactly once when the server is back', async () => {
    const clock = testClock();
    const w = worker({ now: clock.now });
    await smsc.stop();
    await bookPhones(5);
    const during = await drain(w);
    expect(during.sent).toBe(0);
    expect(during.retried).toBeGreaterThan(0);
    expect(await statuses()).toEqual([['sms', 'pending', 5]]);
    await smsc.start();
    for (let i = 0; i < 10 && (await statuses()).some(([, s]) => s === 'pending'); i++) {
      clock.advance(5 * MINUTE);
      await drain(w);
    }
    await smsc.waitFor(5);
    await until(async () => (await statuses()).every(([, s]) => s === 'delivered'));
    expect(await statuses()).toEqual([['sms', 'delivered', 5]]);
    expect(smsc.messages.map((m) => `+${m.to}`).sort()).toEqual([0, 1, 2, 3, 4].map(phone));
  });
});

describe('without SMS_URL', () => {
  it('holds every SMS for admins to read, and tells the trainer those people were not told', async () => {
    const sessionId = await bookPhones(2);
    await book(city.db, sessionId, { email: 'mail@example.fr', phone: null });
    const session = (await getSession(city.db, sessionId))!;
    const result = await cancelWithReason(city.db, session, 'Formatrice malade', { kind: 'user', userId: null });
    // This process has neither SMTP_URL nor SMS_URL: nothing will leave, so nobody is counted as told.
    expect(result).toMatchObject({ status: 200, notified: { email: 0, sms: 0, unreachable: 3 } });
    const held = createOutboxWorker(city.db, { smtpUrl: null, smsUrl: null, log: () => {} });
    stops.push(() => held.stop());
    await drain(held);
    expect(await statuses()).toEqual([
      ['email', 'held', 2],
      ['sms', 'held', 4],
    ]);
    const untold = await untoldOfSession(city.db, sessionId);
    expect(untold.map((n) => n.reason).sort()).toEqual(['mail-off', 'sms-off', 'sms-off']);
    expect(smsc.messages).toEqual([]);
  });
});

describe('several workers', () => {
  it('never send an SMS twice from one database file', { timeout: 30_000 }, async () => {
    await bookPhones(30);
    const dbs = [openDb(city.databaseUrl), openDb(city.databaseUrl)];
    await Promise.all(dbs.map((db) => prepareConnection(db, city.databaseUrl)));
    const workers = dbs.map((db, i) => worker({ db, owner: `w${i}`, batchSize: 4 }));
    const reports = await Promise.all(workers.map((w) => drain(w)));
    expect(reports[0]!.sent + reports[1]!.sent).toBe(30);
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    await smsc.waitFor(30);
    await until(async () => (await statuses()).every(([, s]) => s === 'delivered'));
    expect(smsc.messages).toHaveLength(30);
    expect(new Set(smsc.messages.map((m) => m.to)).size).toBe(30);
    for (const w of workers.splice(0)) await w.stop();
    for (const db of dbs) db.$client.close();
  });
});
