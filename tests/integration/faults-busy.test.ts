// A busy database: another process holds the write lock on the embedded file (a backup, a
// CLI import). Writes wait for it, within DATABASE_BUSY_TIMEOUT_MS, without holding up reads;
// beyond that, a clear "try again" (503 + Retry-After), never a 500 and never half a booking.
import { createClient, type Client as LibsqlClient, type Transaction } from '@libsql/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

const BUDGET_MS = 1_200;

let holder: LibsqlClient;
let sessionId: number;

const portal = testPortal({
  env: { DATABASE_BUSY_TIMEOUT_MS: String(BUDGET_MS) },
  seed: async (db) => void (sessionId = await createSession(db, { capacity: 20 })),
});
beforeAll(async () => {
  holder = createClient({ url: portal.databaseUrl });
  // The holder waits its turn like any process would (the server's own jobs write too).
  await holder.execute('PRAGMA busy_timeout = 3000');
});
afterAll(() => holder?.close());

// BEGIN IMMEDIATE plus a write: the lock another process would hold, released on rollback.
async function holdWriteLock(): Promise<Transaction> {
  const tx = await holder.transaction('write');
  await tx.execute({ sql: 'update sessions set title = title where id = ?', args: [sessionId] });
  return tx;
}

const booking = (i: number) => ({
  firstName: 'Inès',
  lastName: `Occupée${i}`,
  phone: `06 44 00 00 ${String(i).padStart(2, '0')}`,
  consent: true,
});

it('a short lock: the booking waits and succeeds, and reads answer meanwhile', async () => {
  const api = new Client(portal.url);
  const tx = await holdWriteLock();
  let booked = false;
  const write = api.postJson(`/api/v1/sessions/${sessionId}/registrations`, booking(1)).then((r) => ((booked = true), r));
  await new Promise((r) => setTimeout(r, 100));
  const read = await api.get(`/api/v1/sessions/${sessionId}`);
  expect(read.status).toBe(200);
  expect(booked).toBe(false);
  await new Promise((r) => setTimeout(r, 300));
  await tx.rollback();
  const res = await write;
  expect(res.status, res.text + portal.server.output()).toBe(201);
  expect(res.json<{ registration: { status: string } }>().registration.status).toBe('confirmed');
});

it('a long lock: 503 with Retry-After for the API, a "réessayez" page for the form, and nothing half-done', async () => {
  const api = new Client(portal.url);
  const tx = await holdWriteLock();
  try {
    const [json, form, page] = await Promise.all([
      api.postJson(`/api/v1/sessions/${sessionId}/registrations`, booking(2)),
      api.postForm(`/sessions/${sessionId}`, {
        firstName: 'Inès',
        lastName: 'Occupée3',
        phone: '06 44 00 00 03',
        consent: 'on',
        adults: '1',
      }),
      api.get(`/sessions/${sessionId}`),
    ]);
    expect(json.status, json.text).toBe(503);
    expect(json.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(json.json<{ error: string }>().error).toMatch(/réessayez/i);
    expect(form.status).toBe(503);
    expect(form.headers.get('content-type')).toMatch(/text\/html/);
    expect(form.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(form.text).toMatch(/réessayez/i);
    expect(form.text).toContain('lang="fr"');
    // Reading the session page needs no write lock.
    expect(page.status).toBe(200);
  } finally {
    await tx.rollback();
  }
  // The refused attempts left nothing behind: the same people now book for the first time.
  const again = await api.postJson(`/api/v1/sessions/${sessionId}/registrations`, booking(2));
  expect(again.status, again.text).toBe(201);
  const formAgain = await api.postForm(`/sessions/${sessionId}`, {
    firstName: 'Inès',
    lastName: 'Occupée3',
    phone: '06 44 00 00 03',
    consent: 'on',
    adults: '1',
  });
  expect(formAgain.status).toBe(303);
  expect(formAgain.location).toMatch(/\?nouveau=1$/);
  expect(portal.server.output()).not.toMatch(/\b500\b|Internal/);
});
