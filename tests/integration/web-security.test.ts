// Browser-facing defences over HTTP: security headers, cross-site writes refused, JSON-only
// API bodies, and rate limits (on a second server started with RATE_LIMIT=on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createAccounts, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let limited: RunningServer;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  limited = await startServer({ DATABASE_URL: portal.databaseUrl, RATE_LIMIT: 'on', BACKGROUND_JOBS: 'off' });
});
afterAll(() => limited?.stop());

describe('security headers', () => {
  it('come with every kind of response', async () => {
    const client = new Client(portal.url);
    const responses = [
      await client.get('/'),
      await client.get('/login'),
      await client.get('/compte'),
      await client.get('/api/v1/sessions'),
      await client.get('/nope'),
    ];
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('leave no inline script in the pages', async () => {
    for (const path of ['/', '/login', '/inscription', '/mot-de-passe-oublie']) {
      const html = (await new Client(portal.url).get(path)).text;
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    }
  });

  it('add HSTS when the request came over https through the proxy', async () => {
    const res = await new Client(portal.url).get('/login', { 'X-Forwarded-Proto': 'https' });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
  });

  it('keep pages of a signed-in person out of shared caches', async () => {
    const client = await signedIn(portal.url, people.city.email);
    expect((await client.get('/compte')).headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('cross-site requests', () => {
  const evil = { Origin: 'https://evil.test' };

  it('are refused on a form POST, even with a valid session', async () => {
    const client = await signedIn(portal.url, people.admin.email);
    const res = await client.postForm('/compte', { intent: 'sign-out-everywhere' }, evil);
    expect(res.status).toBe(403);
    expect((await client.get('/compte')).status).toBe(200);
    const fetched = await client.postForm('/logout', {}, { Origin: portal.url, 'Sec-Fetch-Site': 'cross-site' });
    expect(fetched.status).toBe(403);
  });

  it('are refused on the JSON API with a JSON error', async () => {
    const client = await signedIn(portal.url, people.teacher.email);
    const session = await createSession(portal.db, { audience: 'teacher', startsAt: Date.now() + 8 * DAY });
    const res = await client.postJson(`/api/v1/sessions/${session}/registrations`, {}, evil);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ error: "Cette demande vient d'un autre site : elle est refusée." });
    const login = await new Client(portal.url).postJson(
      '/api/v1/auth/login',
      { email: people.teacher.email, password: PASSWORD },
      { 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(login.status).toBe(403);
    const count = await portal.db.$client.execute({ sql: 'select count(*) as n from registrations where session_id = ?', args: [session] });
    expect(Number(count.rows[0]!.n)).toBe(0);
  });

  it('pass from this site, and from clients that are not browsers', async () => {
    const sameSite = await new Client(portal.url).postJson(
      '/api/v1/auth/login',
      { email: people.teacher.email, password: PASSWORD },
      { 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(sameSite.status).toBe(200);
    const res = await fetch(`${portal.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: people.teacher.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
});

describe('the JSON API', () => {
  it('answers 415 to a body that is not JSON', async () => {
    const client = new Client(portal.url);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
      const res = await client.request('POST', '/api/v1/auth/login', {
        body: `email=${people.teacher.email}&password=x`,
        headers: { 'Content-Type': type },
      });
      expect(res.status, type).toBe(415);
      expect(res.json()).toHaveProperty('error');
    }
  });
});

describe('rate limits (RATE_LIMIT=on)', () => {
  it('stop password guessing on one account with 429 and Retry-After, on every instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await new Client(limited.url).postJson('/api/v1/auth/login', { email: people.drane.email, password: `wrong guess ${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.json<{ error: string }>().error).toMatch(/Trop de tentatives/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // From that address the right password is refused too until the window ends: the counter
    // is per account and address (from another address the owner gets in: auth-hardening.test.ts).
    expect((await new Client(limited.url).postJson('/api/v1/auth/login', { email: people.drane.email, password: PASSWORD })).status).toBe(
      429,
    );
    // The counters are in the database, so another instance sees them.
    expect((await new Client(portal.url).postJson('/api/v1/auth/login', { email: people.drane.email, password: PASSWORD })).status).toBe(
      200,
    );
    const rows = await portal.db.$client.execute(`select count from rate_limits where key like 'sign-in:account-address:%'`);
    expect(rows.rows.map((r) => Number(r.count))).toContain(12);
  });

  it('limit password reset requests on the form with a 429 page', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await new Client(limited.url).postForm('/mot-de-passe-oublie', { email: people.city.email })).status);
    expect(statuses).toEqual([303, 303, 303, 429]);
    const page = await new Client(limited.url).postForm('/mot-de-passe-oublie', { email: people.city.email });
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(page.text).toContain('Trop de tentatives');
  });

  it('limit teacher sign-ups from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await new Client(limited.url).postForm('/inscription', { name: 'X', email: `x${i}@gmail.com`, password: 'x' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
