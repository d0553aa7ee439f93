// The catalog and session pages come from a render cache (page-cache.server.ts) for visitors
// who are not signed in. What parents see must never be staler than the write that changed it:
// a booking, a cancellation or a session change made through the portal, through another
// instance or straight in the database shows on the very next page.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '~/platform/db/db.server';
import { createAccounts, signedIn } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { startSqld, type TestSqld } from '../helpers/sqld';
import { createSession, createWorld } from '../helpers/world';

const BADGE = /class="badge [^"]*">([^<]*)</;

async function page(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const html = await res.text();
  const badge = BADGE.exec(html)?.[1];
  const seats = Number(/\d+/.exec(badge ?? '')?.[0]);
  return { status: res.status, html, cache: res.headers.get('x-render-cache'), etag: res.headers.get('etag'), badge, seats };
}

// The bytes as they travel (fetch would decode them).
function raw(url: string, acceptEncoding: string) {
  return new Promise<{ encoding: string | undefined; body: Buffer; vary: string | undefined }>((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks), vary: res.headers.vary }));
    })
      .on('error', reject)
      .end();
  });
}

function book(base: string, sessionId: number, i: number) {
  return fetch(`${base}/api/v1/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Cache', phone: `06399800${String(i).padStart(2, '0')}`, consent: true }),
  });
}

describe('one instance', () => {
  let sessionId = 0;
  const portal = testPortal({
    seed: async (db) => {
      sessionId = await createSession(db, { capacity: 10 });
      await createAccounts(db);
    },
  });

  it('answers a repeat visit from memory, and a booking through the form shows on the very next page, in both languages', async () => {
    const fr = `${portal.url}/sessions/${sessionId}`;
    const ar = `${portal.url}/ar/sessions/${sessionId}`;
    for (const url of [fr, ar, `${portal.url}/`]) await page(url);
    const before = await page(fr);
    expect(before.cache).toBe('hit');
    expect(before.badge).toBe('10 places libres');
    expect((await page(ar)).seats).toBe(10);

    const form = new URLSearchParams({ firstName: 'Yasmine', lastName: 'Kaci', phone: '0639981234', language: 'fr', consent: 'on' });
    const booked = await fetch(fr, { method: 'POST', body: form, headers: { Origin: portal.url }, redirect: 'manual' });
    expect(booked.status).toBe(303);

    const after = await page(fr);
    expect(after.cache).toBe('miss');
    expect(after.badge).toBe('9 places libres');
    expect((await page(ar)).seats).toBe(9);
    expect((await page(fr)).cache).toBe('hit');
  });

  it('shows a cancellation through the manage link, and a change written by another connection, at once', async () => {
    const url = `${portal.url}/sessions/${sessionId}`;
    await page(url);
    const { seats } = await page(url);
    const res = await book(portal.url, sessionId, 1);
    expect(res.status).toBe(201);
    const { registration } = (await res.json()) as { registration: { manageUrl: string } };
    expect((await page(url)).seats).toBe(seats - 1);

    const token = new URL(registration.manageUrl).pathname.split('/').pop();
    expect((await fetch(`${portal.url}/api/v1/manage/${token}`, { method: 'DELETE' })).status).toBe(200);
    expect((await page(url)).seats).toBe(seats);

    // Another instance, a CLI or a migration: the triggers run whoever writes.
    await portal.db.$client.execute({ sql: 'update sessions set capacity = capacity + 10 where id = ?', args: [sessionId] });
    expect((await page(url)).seats).toBe(seats + 10);
    await portal.db.$client.execute("update organisations set name = 'Ligue 13 (nouveau nom)' where slug = 'ligue'");
    expect((await page(url)).html).toContain('Ligue 13 (nouveau nom)');
  });

  it('shows the catalog seats the booking changed, and the catalog of every language', async () => {
    const catalog = `${portal.url}/`;
    await page(catalog);
    const before = await page(catalog);
    expect(before.cache).toBe('hit');
    expect((await book(portal.url, sessionId, 2)).status).toBe(201);
    const after = await page(catalog);
    expect(after.cache).toBe('miss');
    expect(Number(/(\d+) places libres/.exec(after.html)?.[1])).toBe(Number(/(\d+) places libres/.exec(before.html)?.[1]) - 1);
    expect((await page(`${portal.url}/en/`)).html).toMatch(/\d+ places left/);
  });

  it('serves a shared link with a tracking id from the same entry, without copying the id into the page', async () => {
    await page(`${portal.url}/?langue=fr`);
    const shared = await page(`${portal.url}/?langue=fr&fbclid=IwAR0abc`);
    expect(shared.cache).toBe('hit');
    expect(shared.html).not.toContain('fbclid');
    expect(shared.html).toContain('href="/ar/?langue=fr"');
  });

  it('answers 304 to a visitor holding the current page, and the new page once seats changed', async () => {
    const url = `${portal.url}/sessions/${sessionId}`;
    const { etag } = await page(url);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await fetch(url, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('cache-control')).toBe('no-cache');

    expect((await book(portal.url, sessionId, 3)).status).toBe(201);
    const changed = await fetch(url, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('sends brotli or gzip as the client accepts, the same page as uncompressed', async () => {
    const url = `${portal.url}/sessions/${sessionId}`;
    await page(url);
    const plain = await raw(url, 'identity');
    expect(plain.encoding).toBeUndefined();
    const br = await raw(url, 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toMatch(/accept-encoding/i);
    const gz = await raw(url, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(gunzipSync(gz.body).toString()).toBe(plain.body.toString());
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('never keeps a page shown to a signed-in person, nor a form sent back with its errors', async () => {
    const trainer = await signedIn(portal.url, 'nadia.formatrice@ligue13.test');
    const url = `/sessions/${sessionId}`;
    const mine = await trainer.get(url);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('x-render-cache')).toBeNull();
    expect(mine.headers.get('cache-control')).toBe('private, no-store');

    const refused = await fetch(`${portal.url}${url}`, {
      method: 'POST',
      body: new URLSearchParams({ firstName: '', lastName: '', consent: 'on' }),
      headers: { Origin: portal.url },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('x-render-cache')).toBeNull();
    const next = await page(`${portal.url}${url}`);
    expect(next.html).not.toContain('aria-invalid="true"');
  });
});

describe('two instances on one libSQL server', () => {
  let sqld: TestSqld;
  let servers: RunningServer[] = [];
  let db: Db;

  beforeAll(async () => {
    sqld = await startSqld();
    servers = await Promise.all([startServer({ DATABASE_URL: sqld.url }), startServer({ DATABASE_URL: sqld.url })]);
    db = openDb(sqld.url);
    await createWorld(db);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    db?.$client.close();
    await sqld?.close();
  });

  it('a booking through one instance shows on the next page of the other, cached there a moment before', { timeout: 30_000 }, async () => {
    const sessionId = await createSession(db, { capacity: 10 });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    for (const base of [a, b]) for (const path of [`/sessions/${sessionId}`, `/ar/sessions/${sessionId}`, '/']) await page(base + path);
    expect((await page(`${b}/sessions/${sessionId}`)).cache).toBe('hit');
    expect((await page(`${b}/`)).badge).toBe('10 places libres');

    expect((await book(a, sessionId, 4)).status).toBe(201);
    expect((await page(`${b}/sessions/${sessionId}`)).badge).toBe('9 places libres');
    expect((await page(`${b}/ar/sessions/${sessionId}`)).seats).toBe(9);
    expect((await page(`${b}/`)).badge).toBe('9 places libres');

    expect((await book(b, sessionId, 5)).status).toBe(201);
    expect((await page(`${a}/sessions/${sessionId}`)).badge).toBe('8 places libres');
  });
});
