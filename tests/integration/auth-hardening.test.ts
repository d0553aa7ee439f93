// The audit's sign-in findings (issue 14), each reproduced from outside against the built
// server: open redirects after sign-in, lockout of an account by strangers, X-Forwarded-For
// rotation behind TRUST_PROXY, contacts in clear in rate_limits, TOTP two-factor, session
// lifetime by role, the __Host- cookie, TRACE, security.txt, the mail after a password change.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { SYSTEM } from '~/features/audit/audit.server';
import { createUser } from '~/features/accounts/users.server';
import { rateLimitPruneJob } from '~/platform/jobs/scheduled-jobs.server';
import { Client, createAccounts, freshTotpCode, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { createSession } from '../helpers/world';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
let people: Accounts;
// A second instance on the same database, as production runs: behind one proxy, limits on.
let proxied: RunningServer;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  proxied = await startServer({ DATABASE_URL: portal.databaseUrl, RATE_LIMIT: 'on', TRUST_PROXY: '1', BACKGROUND_JOBS: 'off' });
});
afterAll(() => proxied?.stop());

// What the proxy forwards: whatever the client wrote, then the address it saw (appended).
const via = (seen: string, written?: string) => ({ 'X-Forwarded-For': written ? `${written}, ${seen}` : seen });
const cookieOf = (res: { headers: Headers }, name = 'passerelle_session') =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const expiresOf = (cookie: string | undefined) => new Date(/Expires=([^;]+)/i.exec(cookie ?? '')![1]!).getTime();

describe('open redirect after sign-in (finding 1)', () => {
  const payloads = [
    '/..//evil.example',
    '/%2F%2Fevil.example',
    '/\\evil.example',
    '/.%2F/evil.example',
    '//evil',
    'https://evil',
    '/\t/evil.example',
    '/\n/evil.example',
  ];

  it('never sends a signed-in person to another host', async () => {
    const browser = await signedIn(portal.url, people.trainer.email);
    for (const next of payloads) {
      const res = await browser.get(`/login?next=${encodeURIComponent(next)}`);
      expect(res.status, next).toBe(302);
      expect(new URL(res.location!, 'http://portal.test').host, `${next} → ${res.location}`).toBe('portal.test');
      expect(res.location!.startsWith('//'), next).toBe(false);
    }
  });

  it('nor after posting the form', async () => {
    for (const next of payloads) {
      const res = await new Client(portal.url).postForm(`/login?next=${encodeURIComponent(next)}`, {
        email: people.city.email,
        password: PASSWORD,
      });
      expect(res.status, next).toBe(303);
      expect(new URL(res.location!, 'http://portal.test').host, `${next} → ${res.location}`).toBe('portal.test');
    }
  });
});

describe('wrong passwords from strangers (finding 3)', () => {
  it('slow the account down but never lock its owner out', async () => {
    const email = people.drane.email;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await new Client(proxied.url).postJson(
        '/api/v1/auth/login',
        { email, password: `mauvais essai ${i}` },
        via('203.0.113.66'),
      );
      statuses.push(res.status);
    }
    // The attacker's address is refused for this account after ten tries…
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // …and the owner, from their own address, gets in with the right password, only later.
    const started = Date.now();
    const owner = await new Client(proxied.url).postJson('/api/v1/auth/login', { email, password: PASSWORD }, via('198.51.100.20'));
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('are audited with the address they came from', async () => {
    const rs = await portal.db.$client.execute({
      sql: `select details from audit_log where action = 'auth.sign-in-failed' and subject_id = ?`,
      args: [String(people.drane.id)],
    });
    expect(rs.rows.length).toBeGreaterThanOrEqual(10);
    expect(rs.rows.map((r) => JSON.parse(String(r.details)))).toContainEqual({ reason: 'password', address: '203.0.113.66' });
  });
});

describe('X-Forwarded-For behind TRUST_PROXY=1 (finding 4)', () => {
  it('counts the address the proxy saw: a new made-up hop per request evades nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) {
      const res = await new Client(proxied.url).postJson(
        '/api/v1/auth/login',
        { email: `personne${i}@marseille.test`, password: 'pas le bon mot de passe' },
        via('192.0.2.77', `10.9.${i}.1`),
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses[50]).toBe(429);
    // Another real address is not affected.
    const other = await new Client(proxied.url).postJson(
      '/api/v1/auth/login',
      { email: 'x@marseille.test', password: 'y' },
      via('192.0.2.78'),
    );
    expect(other.status).toBe(401);
  });
});

describe('rate-limit counters (finding 7)', () => {
  it('hold no email or phone in clear after a booking, and finished windows are pruned on schedule', async () => {
    const id = await createSession(portal.db);
    const res = await fetch(`${proxied.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.31' },
      body: JSON.stringify({
        firstName: 'Amina',
        lastName: 'Benali',
        phone: '06 12 34 56 78',
        email: 'amina.benali@example.fr',
        consent: true,
      }),
    });
    expect(res.status).toBe(201);
    const rows = (await portal.db.$client.execute('select key from rate_limits')).rows.map((r) => String(r.key));
    expect(rows.some((k) => k.startsWith('booking:contact:'))).toBe(true);
    for (const clear of ['amina', '0612345678', '+33612345678', '612345678', '198.51.100.31', people.drane.email, '203.0.113.66'])
      expect(
        rows.filter((k) => k.toLowerCase().includes(clear)),
        clear,
      ).toEqual([]);

    const before = rows.length;
    expect((await rateLimitPruneJob.run(portal.db, 'now', Date.now())).pruned).toBe(0);
    expect(rateLimitPruneJob.period(Date.now())).toMatch(/^\d{4}-\d\d-\d\dT\d\d$/);
    const later = await rateLimitPruneJob.run(portal.db, 'later', Date.now() + 2 * HOUR + MINUTE);
    expect(later.pruned).toBe(before);
    expect((await portal.db.$client.execute('select count(*) as n from rate_limits')).rows[0]!.n).toBe(0);
  });
});

describe('two-factor sign-in (finding 9)', () => {
  it('is enrolled from the account page with the key as a QR code and in text, then asked for at sign-in', async () => {
    const email = people['drane-trainer'].email;
    const browser = await signedIn(portal.url, email);
    expect((await browser.get('/compte')).text).toContain('href="/compte/deux-facteurs"');
    const page = await browser.get('/compte/deux-facteurs');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const secret = /data-totp-secret[^>]*>\s*([A-Z2-7 ]+?)\s*</.exec(page.text)![1]!;
    const key = decodeBase32IgnorePadding(secret.replace(/ /g, ''));
    expect(key.byteLength).toBe(20);
    const step = Math.floor(Date.now() / 30_000);

    expect(
      (await browser.postForm('/compte/deux-facteurs', { code: '000000' === generateHOTP(key, BigInt(step), 6) ? '111111' : '000000' }))
        .status,
    ).toBe(422);
    const done = await browser.postForm('/compte/deux-facteurs', { code: generateHOTP(key, BigInt(step), 6) });
    expect(done.status).toBe(200);
    const recovery = [...done.text.matchAll(/<code[^>]*>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    const stored = await portal.db.$client.execute('select code_hash from user_recovery_codes');
    expect(JSON.stringify(stored.rows)).not.toContain(recovery[0]!.replace('-', ''));

    const noCode = await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: PASSWORD });
    expect(noCode.status).toBe(401);
    expect(noCode.json()).toEqual({ error: expect.any(String), totpRequired: true });
    // The code used to enrol cannot open a session again; the app's next one can.
    const replay = await new Client(portal.url).postJson('/api/v1/auth/login', {
      email,
      password: PASSWORD,
      totp: generateHOTP(key, BigInt(step), 6),
    });
    expect(replay.status).toBe(401);
    expect(replay.json()).toMatchObject({ totpRequired: true });
    const next = await new Client(portal.url).postJson('/api/v1/auth/login', {
      email,
      password: PASSWORD,
      totp: generateHOTP(key, BigInt(step + 1), 6),
    });
    expect(next.status).toBe(200);
    // A wrong password with a right code is the same "wrong email or password".
    const wrong = await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: 'pas le bon mot de passe' });
    expect(wrong.json()).toEqual({ error: 'Adresse e-mail ou mot de passe incorrect.' });

    // A recovery code opens one session, once.
    const rescued = await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: PASSWORD, totp: recovery[0] });
    expect(rescued.status).toBe(200);
    const again = await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: PASSWORD, totp: recovery[0] });
    expect(again.status).toBe(401);

    // The form asks for the code once the password was right.
    const form = await new Client(portal.url).postForm('/login', { email, password: PASSWORD });
    expect(form.status).toBe(401);
    expect(form.text).toContain('name="totp"');
  });

  it('is required of administrators: without it, they may only enrol', async () => {
    const created = await createUser(
      portal.db,
      { role: 'admin', email: 'nouvel.admin@passerelle.test', name: 'Nouvel Admin', password: PASSWORD },
      SYSTEM,
    );
    if (!created.ok) throw new Error('admin not created');
    const browser = new Client(portal.url);
    expect((await browser.postJson('/api/v1/auth/login', { email: 'nouvel.admin@passerelle.test', password: PASSWORD })).status).toBe(200);
    const admin = await browser.get('/admin');
    expect(admin.status).toBe(302);
    expect(admin.location).toBe('/compte/deux-facteurs');
    expect((await browser.get('/api/v1/readiness')).status).toBe(403);
    const page = await browser.get('/compte/deux-facteurs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Les comptes administrateur doivent');
    // The enrolled test administrator signs in with a code and reaches the admin pages.
    const enrolled = await signedIn(portal.url, people.admin.email);
    expect((await enrolled.get('/admin')).status).toBe(200);
  });
});

describe('sessions by role (finding 9)', () => {
  it('last 30 minutes idle for admins and Drane staff, 12 hours for teachers and trainers', async () => {
    const login = async (email: string) => {
      const totp = await freshTotpCode(email);
      const res = await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: PASSWORD, ...(totp ? { totp } : {}) });
      expect(res.status, email).toBe(200);
      return expiresOf(cookieOf(res)) - Date.now();
    };
    for (const email of [people.admin.email, people.drane.email]) {
      expect(await login(email)).toBeGreaterThan(29 * MINUTE);
      expect(await login(email)).toBeLessThanOrEqual(30 * MINUTE);
    }
    for (const email of [people.teacher.email, people.trainer.email]) {
      expect(await login(email)).toBeGreaterThan(12 * HOUR - MINUTE);
      expect(await login(email)).toBeLessThanOrEqual(12 * HOUR);
    }
  });

  it('use the __Host- cookie over https', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const browser = new Client(portal.url);
    const res = await browser.postJson('/api/v1/auth/login', { email: people.trainer.email, password: PASSWORD }, https);
    const cookie = cookieOf(res, '__Host-passerelle_session');
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookieOf(res)).toBeUndefined();
    expect((await browser.get('/compte', https)).status).toBe(200);
  });
});

describe('passwords (finding 9)', () => {
  it('need 12 characters, and a change is told by email', async () => {
    const browser = await signedIn(portal.url, people.city.email);
    const short = await browser.postForm('/compte', { intent: 'change-password', current: PASSWORD, password: 'onze lettre' });
    expect(short.status).toBe(200);
    expect(short.text).toContain('au moins 12 caractères');
    const changed = await browser.postForm('/compte', {
      intent: 'change-password',
      current: PASSWORD,
      password: 'la calanque au petit matin',
    });
    expect(changed.status).toBe(303);
    const mail = await portal.db.$client.execute({
      sql: `select payload from outbox where kind = 'account-password-changed' and recipient = ?`,
      args: [people.city.email],
    });
    expect(mail.rows).toHaveLength(1);
  });
});

describe('the web server (finding 9)', () => {
  // fetch() refuses to send these methods, hence node:http. Node's HTTP parser does not know
  // TRACK at all (the server's clientError answer says 501); TRACE reaches the server: 405.
  it('answers TRACE with 405 and TRACK with 501, never an error page', async () => {
    const send = (method: string) =>
      new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        const req = request(`${portal.url}/login`, { method }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
        });
        req.on('error', reject);
        req.end();
      });
    const trace = await send('TRACE');
    expect(trace.status).toBe(405);
    expect(trace.allow).toContain('GET');
    const track = await send('TRACK');
    expect(track.status).toBe(501);
    expect(track.allow).toContain('GET');
  });

  it('publishes /.well-known/security.txt with a contact and an expiry', async () => {
    const res = await fetch(`${portal.url}/.well-known/security.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^Contact: mailto:security@127\.0\.0\.1$/m);
    const expires = Date.parse(/^Expires: (.+)$/m.exec(text)![1]!);
    expect(expires).toBeGreaterThan(Date.now() + 30 * 24 * HOUR);
    expect(expires).toBeLessThan(Date.now() + 366 * 24 * HOUR);
  });
});
