// The database out of reach: at start (a clear message and a non-zero exit within
// DATABASE_WAIT_SECONDS, or a wait that ends when it comes up — never a half-started server),
// and while serving (a "try again" answer, then back to normal without a restart).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '~/platform/db/db.server';
import { Client } from '../helpers/auth';
import { freePort, startServer, type RunningServer } from '../helpers/server';
import { startSqld, type TestSqld } from '../helpers/sqld';
import { createSession, createWorld } from '../helpers/world';

// startServer rejects when the process exits before it is ready: that is what we want here.
async function failedStart(env: Record<string, string>) {
  const started = Date.now();
  const error = await startServer(env).then(
    (server) => server.stop().then(() => new Error('the server started')),
    (e: Error) => e,
  );
  return { message: error.message, seconds: (Date.now() - started) / 1000 };
}

describe('at start', () => {
  it('gives up on an unreachable database with a clear message and a non-zero exit, in bounded time', async () => {
    const { message, seconds } = await failedStart({ DATABASE_URL: `http://127.0.0.1:${await freePort()}`, DATABASE_WAIT_SECONDS: '1' });
    expect(message).toMatch(/exited with 1/);
    expect(message).toMatch(/Passerelle could not start: the database at http:\/\/127\.0\.0\.1:\d+ did not answer within 1 s/);
    expect(message).toMatch(/DATABASE_WAIT_SECONDS/);
    expect(message).not.toMatch(/is ready on/);
    expect(seconds).toBeLessThan(20);
  });

  it('refuses a DATABASE_URL it cannot use, saying what would work', async () => {
    const { message } = await failedStart({ DATABASE_URL: 'postgres://127.0.0.1/passerelle' });
    expect(message).toMatch(/exited with 1/);
    expect(message).toMatch(/DATABASE_URL is not a database address .*file:.*http\(s\):\/\/.*libsql:\/\//);
    expect(message).not.toMatch(/is ready on/);
  });

  it('waits, saying so, for a database that comes up within DATABASE_WAIT_SECONDS', async () => {
    const sqld = await startSqld();
    await sqld.stop();
    try {
      let waiting: () => void = () => {};
      const said = new Promise<void>((r) => (waiting = r));
      const starting = startServer(
        { DATABASE_URL: sqld.url, DATABASE_WAIT_SECONDS: '30' },
        { onOutput: (text) => text.includes('Waiting for the database') && waiting() },
      );
      await said;
      await sqld.start();
      const server = await starting;
      expect(server.output()).toMatch(/Waiting for the database at http:\/\/127\.0\.0\.1:\d+/);
      expect((await fetch(`${server.url}/api/v1/sessions`)).status).toBe(200);
      await server.stop();
    } finally {
      await sqld.close();
    }
  });
});

describe('while serving', () => {
  let sqld: TestSqld;
  let server: RunningServer;
  let db: Db;
  let sessionId: number;

  beforeAll(async () => {
    sqld = await startSqld();
    server = await startServer({ DATABASE_URL: sqld.url });
    db = openDb(sqld.url);
    await createWorld(db);
    sessionId = await createSession(db, { capacity: 10 });
  });
  afterAll(async () => {
    await server?.stop();
    db?.$client.close();
    await sqld?.close();
  });

  it('answers "try again" during an outage and serves again, unrestarted, once the database is back', async () => {
    const api = new Client(server.url);
    const booking = { firstName: 'Lina', lastName: 'Coupure', phone: '06 55 00 00 01', consent: true };
    await sqld.stop();

    const [list, book, page, form] = await Promise.all([
      api.get('/api/v1/sessions'),
      api.postJson(`/api/v1/sessions/${sessionId}/registrations`, booking),
      api.get(`/sessions/${sessionId}`),
      api.postForm(`/sessions/${sessionId}`, { firstName: 'Lina', lastName: 'Coupure', phone: '06 55 00 00 02', consent: 'on' }),
    ]);
    for (const res of [list, book]) {
      expect(res.status, res.text).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json<{ error: string }>().error).toMatch(/réessayez/i);
    }
    for (const res of [page, form]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.text).toMatch(/Réessayez/);
    }
    expect(server.process.exitCode).toBeNull();

    await sqld.start();
    expect((await api.get('/api/v1/sessions')).status).toBe(200);
    const again = await api.postJson(`/api/v1/sessions/${sessionId}/registrations`, booking);
    expect(again.status, again.text).toBe(201);
    expect(server.output()).toMatch(/database unavailable \(unreachable\)/);
  });
});
