// The outbox worker against a real SMTP listener: outages, 4xx and 5xx answers, several
// workers on one database file, shutdown in the middle of a batch, erasure.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { claimDue } from '~/features/mail/outbox/delivery-states.server';
import { createOutboxWorker, type OutboxWorkerOptions } from '~/features/mail/outbox/worker.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { book, drain, testClock } from '../helpers/mail';
import { testCity } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let smtp: TestSmtp;

const city = testCity();
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp?.stop());

beforeEach(async () => {
  await smtp.start();
  smtp.setMode('accept');
  smtp.setDelay(0);
  smtp.mails.length = 0;
  await city.db.$client.execute('delete from outbox');
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

function worker(options: OutboxWorkerOptions = {}, db: Db = city.db) {
  const w = createOutboxWorker(db, { smtpUrl: smtp.url, log: () => {}, ...options });
  stops.push(() => w.stop());
  return w;
}

async function outbox() {
  const rs = await city.db.$client.execute(
    'select id, kind, status, attempts, last_error, recipient, payload, next_attempt_at from outbox order by id',
  );
  return rs.rows as unknown as {
    id: number;
    kind: string;
    status: string;
    attempts: number;
    last_error: string | null;
    recipient: string;
    payload: string;
    next_attempt_at: number;
  }[];
}

async function bookSome(n: number) {
  const sessionId = await createSession(city.db, { capacity: 50 });
  for (let i = 0; i < n; i++) await book(city.db, sessionId);
}

function messageIds() {
  return smtp.mails.map((m) => m.parsed.messageId);
}

describe('an SMTP outage', () => {
  it('loses nothing and delivers every message exactly once when the server is back', async () => {
    await bookSome(6);
    await smtp.stop();
    const clock = testClock();
    const w = worker({ now: clock.now });
    const down = await drain(w);
    expect(down).toMatchObject({ retried: 6, sent: 0 });
    expect((await outbox()).every((m) => m.status === 'pending' && m.attempts === 1 && m.last_error)).toBe(true);

    await smtp.start();
    expect((await drain(w)).claimed).toBe(0); // backing off: nothing is due yet
    clock.advance(2 * MINUTE);
    expect(await drain(w)).toMatchObject({ sent: 6 });
    clock.advance(HOUR);
    await drain(w);
    expect(smtp.mails).toHaveLength(6);
    expect(new Set(messageIds()).size).toBe(6);
    expect((await outbox()).every((m) => m.status === 'sent')).toBe(true);
  });
});

describe('SMTP answers', () => {
  it('retries after a 4xx with backoff, recording the attempt and the reply', async () => {
    await bookSome(1);
    smtp.setMode('defer');
    const clock = testClock();
    const w = worker({ now: clock.now });
    await drain(w);
    const [deferred] = await outbox();
    expect(deferred).toMatchObject({ status: 'pending', attempts: 1 });
    expect(deferred!.last_error).toContain('451');
    expect(deferred!.next_attempt_at - clock.now()).toBeGreaterThan(0.8 * MINUTE);
    expect(deferred!.next_attempt_at - clock.now()).toBeLessThan(1.2 * MINUTE);

    clock.advance(2 * MINUTE);
    await drain(w);
    expect((await outbox())[0]).toMatchObject({ status: 'pending', attempts: 2 });

    smtp.setMode('accept');
    clock.advance(5 * MINUTE);
    await drain(w);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(smtp.mails).toHaveLength(1);
  });

  it('fails at once on a 5xx: the address does not exist', async () => {
    await bookSome(1);
    smtp.setMode('reject');
    await drain(worker());
    const [rejected] = await outbox();
    expect(rejected).toMatchObject({ status: 'failed', attempts: 1 });
    expect(rejected!.last_error).toContain('550');
  });

  it('gives up after about a day of 4xx', async () => {
    await bookSome(1);
    smtp.setMode('defer');
    const clock = testClock();
    const w = worker({ now: clock.now });
    for (let i = 0; i < 40 && (await outbox())[0]!.status === 'pending'; i++) {
      await drain(w);
      clock.advance(4 * HOUR + 30 * MINUTE);
    }
    const [given] = await outbox();
    expect(given!.status).toBe('failed');
    expect(given!.attempts).toBeGreaterThan(5);
  });
});

describe('several workers', () => {
  it('never send a message twice from one database file', async () => {
    await bookSome(40);
    const dbs = [openDb(city.databaseUrl), openDb(city.databaseUrl)];
    await Promise.all(dbs.map((db) => prepareConnection(db, city.databaseUrl)));
    const workers = dbs.map((db) => worker({ batchSize: 3 }, db));
    const reports = await Promise.all(workers.map((w) => drain(w)));
    expect(reports[0]!.sent + reports[1]!.sent).toBe(40);
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    expect(smtp.mails).toHaveLength(40);
    expect(new Set(messageIds()).size).toBe(40);
    for (const db of dbs) db.$client.close();
  });

  it('take over a message whose worker died holding it, once its lease is over', async () => {
    await bookSome(1);
    const clock = testClock();
    expect(await claimDue(city.db, 'crashed-worker', { now: clock.now(), leaseMs: 5 * MINUTE, limit: 10 })).toHaveLength(1);
    const w = worker({ now: clock.now });
    expect((await drain(w)).claimed).toBe(0);
    clock.advance(6 * MINUTE);
    expect(await drain(w)).toMatchObject({ sent: 1 });
  });
});

describe('stopping', () => {
  it('finishes the message in hand and gives back the rest', async () => {
    await bookSome(4);
    smtp.setDelay(400);
    const w = worker({ batchSize: 4, pollMs: 10 });
    w.start();
    while (!(await outbox()).some((m) => m.status === 'sending')) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    await w.stop();
    const rows = await outbox();
    expect(rows.filter((m) => m.status === 'sent')).toHaveLength(1);
    expect(rows.filter((m) => m.status === 'pending').map((m) => m.attempts)).toEqual([0, 0, 0]);
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('without SMTP', () => {
  it('holds messages, then delivers them once a server is configured', async () => {
    await bookSome(2);
    await drain(worker({ smtpUrl: null }));
    expect((await outbox()).map((m) => m.status)).toEqual(['held', 'held']);
    await drain(worker());
    expect((await outbox()).map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(smtp.mails).toHaveLength(2);
  });
});

describe('order and privacy', () => {
  it('never lets a cancellation overtake the invite it cancels', async () => {
    const sessionId = await createSession(city.db);
    const { registration } = await book(city.db, sessionId, { email: 'order@example.fr' });
    smtp.setMode('defer');
    const clock = testClock();
    const w = worker({ now: clock.now });
    await drain(w);
    await cancelRegistration(city.db, registration, { kind: 'manage-link' });
    smtp.setMode('accept');
    expect((await drain(w)).claimed).toBe(0); // the cancellation waits for the confirmation
    clock.advance(2 * MINUTE);
    await drain(w);
    expect(smtp.mails.map((m) => m.parsed.subject?.split(' : ')[0])).toEqual(['Inscription confirmée', 'Inscription annulée']);
  });

  it('forgets an erased person once their last message is sent', async () => {
    const sessionId = await createSession(city.db);
    const { registration } = await book(city.db, sessionId, { firstName: 'Nadia', email: 'erase@example.fr' });
    const w = worker();
    await drain(w);
    await cancelRegistration(city.db, registration, { kind: 'manage-link' }, { erase: true });
    await drain(w);
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['erase@example.fr', 'erase@example.fr']);
    const rows = await outbox();
    expect(rows.map((m) => [m.kind, m.status, m.recipient])).toEqual([
      ['confirmed', 'sent', ''],
      ['cancelled', 'sent', ''],
    ]);
    for (const row of rows) {
      expect(row.payload).not.toContain('erase@example.fr');
      expect(row.payload).not.toContain('Nadia');
    }
  });

  it('drops the secret link of an account email once it is sent', async () => {
    await city.db.$client.execute({
      sql: `insert into outbox (dedupe_key, kind, recipient, language, payload)
          values ('account-reset-password:x', 'account-reset-password', 'prof@ac-aix-marseille.fr', 'fr', ?)`,
      args: [JSON.stringify({ kind: 'account-reset-password', name: 'Claire', url: 'http://localhost:4321/reinitialiser/secret-token' })],
    });
    await drain(worker());
    expect(smtp.mails[0]!.parsed.text).toContain('http://localhost:4321/reinitialiser/secret-token');
    const [row] = await outbox();
    expect(row!.status).toBe('sent');
    expect(row!.payload).not.toContain('secret-token');
  });
});
