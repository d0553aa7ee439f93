// Signing in and out over HTTP against the built server: the form, the JSON API, cookies,
// expiry and "sign out everywhere".
import { describe, expect, it } from 'vitest';
import { Client, createAccounts, freshTotpCode, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;
let people: Accounts;

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
  },
});

async function audits(action: string, userId: number) {
  const rs = await portal.db.$client.execute({
    sql: 'select details from audit_log where action = ? and subject_id = ?',
    args: [action, String(userId)],
  });
  return rs.rows.map((r) => String(r.details ?? ''));
}

describe('the sign-in page', () => {
  it('has the labelled fields and signs a trainer in, then out', async () => {
    const browser = new Client(portal.url);
    const page = await browser.get('/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="f-email">Adresse e-mail</label>');
    expect(page.text).toContain('<label for="f-password">Mot de passe</label>');

    const res = await browser.postForm('/login', { email: 'Nadia.Formatrice@ligue13.test ', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/espace');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('passerelle_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);

    const space = await browser.get('/espace');
    expect(space.status).toBe(200);
    expect(space.text).toContain('Bonjour Nadia Formatrice');
    expect(space.text).toContain('href="/formateur"');

    const out = await browser.postForm('/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login?signedOut=1');
    expect((await browser.get('/espace')).status).toBe(302);
    expect(await audits('auth.signed-out', people.trainer.id)).toHaveLength(1);
  });

  it('keeps the email, says the same thing for a wrong email or password, and logs the failure', async () => {
    const browser = new Client(portal.url);
    const wrongPassword = await browser.postForm('/login', { email: people.city.email, password: 'pas le bon mot de passe' });
    const wrongEmail = await browser.postForm('/login', { email: 'personne@marseille.test', password: PASSWORD });
    for (const res of [wrongPassword, wrongEmail]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain('Adresse e-mail ou mot de passe incorrect.');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('passerelle_session='))).toBe(false);
    }
    expect(wrongPassword.text).toContain(`value="${people.city.email}"`);
    const failures = await audits('auth.sign-in-failed', people.city.id);
    expect(failures.map((f) => JSON.parse(f))).toEqual([{ reason: 'password', address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) }]);
    expect(failures.join()).not.toContain('pas le bon');
  });

  it('goes back to a same-site `next` only', async () => {
    const back = await new Client(portal.url).postForm('/login?next=%2Fcompte%3Fx%3D1', { email: people.drane.email, password: PASSWORD });
    expect(back.location).toBe('/compte?x=1');
    for (const next of ['https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)']) {
      const res = await new Client(portal.url).postForm(`/login?next=${encodeURIComponent(next)}`, {
        email: people.drane.email,
        password: PASSWORD,
      });
      expect(res.location, next).toBe('/espace');
    }
  });

  it('sends a signed-out visitor of a private page to sign in and back', async () => {
    const res = await new Client(portal.url).get('/compte');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/login?next=%2Fcompte');
  });
});

describe('the JSON API', () => {
  it('signs in with the user’s id, name and role, and signs out', async () => {
    const client = new Client(portal.url);
    const totp = await freshTotpCode(people.admin.email);
    const res = await client.postJson('/api/v1/auth/login', { email: people.admin.email, password: PASSWORD, totp });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ user: { id: people.admin.id, name: 'Alex Admin', role: 'admin' } });
    expect((await client.get('/admin')).status).toBe(200);
    const out = await client.request('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(200);
    expect(client.cookies.size).toBe(0);
    expect((await client.get('/admin')).status).toBe(302);
  });

  it('answers 401 with one message for a wrong email or password, 422 for a missing field', async () => {
    const a = await new Client(portal.url).postJson('/api/v1/auth/login', { email: people.admin.email, password: 'wrong password!' });
    const b = await new Client(portal.url).postJson('/api/v1/auth/login', { email: 'nobody@passerelle.test', password: PASSWORD });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toEqual({ error: 'Adresse e-mail ou mot de passe incorrect.' });
    const c = await new Client(portal.url).postJson('/api/v1/auth/login', { email: people.admin.email });
    expect(c.status).toBe(422);
    expect(c.json<{ errors: Record<string, string> }>().errors).toEqual({ password: 'Saisissez votre mot de passe.' });
  });

  it('gives a fresh session at every sign-in', async () => {
    const before = new Client(portal.url);
    before.cookies.set('passerelle_session', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    const res = await before.postJson('/api/v1/auth/login', { email: people.teacher.email, password: PASSWORD });
    expect(res.status).toBe(200);
    const first = before.cookies.get('passerelle_session');
    expect(first).not.toContain('aaaaaaaa');
    await before.postJson('/api/v1/auth/login', { email: people.teacher.email, password: PASSWORD });
    expect(before.cookies.get('passerelle_session')).not.toBe(first);
  });
});

describe('session expiry', () => {
  it('ends a session unused for longer than the inactivity timeout and clears the cookie', async () => {
    const client = await signedIn(portal.url, people.drane.email);
    const id = client.cookies.get('passerelle_session')!.split('.')[0]!;
    await portal.db.$client.execute({
      sql: 'update auth_sessions set last_verified_at = ? where id = ?',
      args: [Date.now() - 11 * DAY, id],
    });
    const res = await client.get('/compte');
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login/);
    expect(client.cookies.has('passerelle_session')).toBe(false);
    const rs = await portal.db.$client.execute({ sql: 'select 1 from auth_sessions where id = ?', args: [id] });
    expect(rs.rows).toHaveLength(0);
  });

  it('extends a Drane session used within its 30 idle minutes and sends the cookie again', async () => {
    const client = await signedIn(portal.url, people.drane.email);
    const id = client.cookies.get('passerelle_session')!.split('.')[0]!;
    await portal.db.$client.execute({
      sql: 'update auth_sessions set last_verified_at = ? where id = ?',
      args: [Date.now() - 20 * MINUTE, id],
    });
    const res = await client.get('/compte');
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('passerelle_session='));
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie ?? '')![1]!).getTime();
    expect(expires).toBeGreaterThan(Date.now() + 29 * MINUTE);
  });

  it('ends a Drane session idle for 30 minutes', async () => {
    const client = await signedIn(portal.url, people.drane.email);
    const id = client.cookies.get('passerelle_session')!.split('.')[0]!;
    await portal.db.$client.execute({
      sql: 'update auth_sessions set last_verified_at = ? where id = ?',
      args: [Date.now() - 31 * MINUTE, id],
    });
    expect((await client.get('/compte')).status).toBe(302);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the account, on every device', async () => {
    const phone = await signedIn(portal.url, people.city.email);
    const laptop = await signedIn(portal.url, people.city.email);
    const res = await laptop.postForm('/compte', { intent: 'sign-out-everywhere' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?signedOutEverywhere=1');
    expect((await phone.get('/drane')).status).toBe(302);
    expect((await laptop.get('/drane')).status).toBe(302);
    expect(await audits('auth.signed-out-everywhere', people.city.id)).toHaveLength(1);
  });
});
