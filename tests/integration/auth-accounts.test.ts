// Accounts over HTTP: teacher sign-up and confirmation, password reset, staff invitation and
// the admin's account actions, and the `user:create` command.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Client, createAccounts, latestAccountLink, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });

const path = (url: string) => new URL(url).pathname;

async function auditActions(userId: number): Promise<string[]> {
  const rs = await portal.db.$client.execute({
    sql: 'select action from audit_log where subject_type = ? and subject_id = ? order by id',
    args: ['user', String(userId)],
  });
  return rs.rows.map((r) => String(r.action));
}

async function userRow(email: string) {
  const rs = await portal.db.$client.execute({ sql: 'select * from users where email = ?', args: [email] });
  return rs.rows[0];
}

describe('teacher sign-up', () => {
  const email = 'lea.martin@ac-aix-marseille.fr';

  it('finds the school by name or UAI with a plain GET search', async () => {
    const byName = await new Client(portal.url).get('/inscription?q=castellane');
    expect(byName.text).toContain('value="0130003C"');
    expect(byName.text).not.toContain('value="0130001A"');
    const byUai = await new Client(portal.url).get('/inscription?q=0130002b');
    expect(byUai.text).toContain('École maternelle du Panier');
  });

  it('refuses a non-academic address, a common password and a missing school, keeping what was typed', async () => {
    const res = await new Client(portal.url).postForm('/inscription?q=belsunce', {
      name: 'Léa Martin',
      email: 'lea@gmail.com',
      password: 'motdepasse',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Utilisez votre adresse académique, celle qui se termine par @ac-aix-marseille.fr.');
    expect(res.text).toContain('Ce mot de passe est trop courant');
    expect(res.text).toContain('Choisissez votre école dans la liste');
    expect(res.text).toContain('value="Léa Martin"');
    expect(res.text).toContain('value="lea@gmail.com"');
    expect(res.text).not.toContain('value="motdepasse"');
    expect(await userRow('lea@gmail.com')).toBeUndefined();
  });

  it('creates an unconfirmed account that cannot book until the emailed link is used', async () => {
    const teacherSession = await createSession(portal.db, { audience: 'teacher', startsAt: Date.now() + 6 * DAY });
    const browser = new Client(portal.url);
    const res = await browser.postForm('/inscription?q=belsunce', {
      name: 'Léa Martin',
      email: 'Lea.Martin@ac-aix-marseille.fr',
      password: PASSWORD,
      schoolUai: '0130001A',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/espace');
    const space = await browser.get('/espace');
    expect(space.text).toContain('pas encore confirmée');

    const row = await userRow(email);
    expect(row).toMatchObject({ role: 'teacher', school_uai: '0130001A', email_verified_at: null });
    expect(String(row!.password_hash)).toMatch(/^\$argon2id\$/);

    const blocked = await browser.postJson(`/api/v1/sessions/${teacherSession}/registrations`, {});
    expect(blocked.status).toBe(403);

    const link = await latestAccountLink(portal.db, 'account-verify-email', email);
    const tokens = await portal.db.$client.execute({ sql: 'select token_hash from user_tokens where purpose = ?', args: ['verify-email'] });
    expect(tokens.rows.map((r) => String(r.token_hash))).not.toContain(link.token);

    // Opening the link only shows a button: a mail scanner fetching it confirms nothing.
    const landing = await browser.get(path(link.url));
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('Confirmer mon adresse');
    expect((await userRow(email))!.email_verified_at).toBeNull();

    const confirmed = await browser.postForm(path(link.url), {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/espace?confirmed=1');
    expect((await userRow(email))!.email_verified_at).not.toBeNull();
    expect((await browser.postForm(path(link.url), {})).status).toBe(410);

    const booked = await browser.postJson(`/api/v1/sessions/${teacherSession}/registrations`, {});
    expect(booked.status).toBe(201);
    expect(await auditActions(Number(row!.id))).toEqual(expect.arrayContaining(['user.signed-up', 'user.email-confirmed']));
  });

  it('sends a new confirmation link on request, and only the newest one works', async () => {
    const browser = await signedIn(portal.url, people['unconfirmed-teacher'].email);
    await browser.postForm('/compte', { intent: 'resend-verification' });
    const first = await latestAccountLink(portal.db, 'account-verify-email', people['unconfirmed-teacher'].email);
    const res = await browser.postForm('/compte', { intent: 'resend-verification' });
    expect(res.location).toBe('/compte?resent=1');
    const second = await latestAccountLink(portal.db, 'account-verify-email', people['unconfirmed-teacher'].email);
    expect(second.token).not.toBe(first.token);
    expect((await browser.get(path(first.url))).status).toBe(410);
    expect((await browser.postForm(path(second.url), {})).status).toBe(303);
  });

  it('refuses a second account for the same address', async () => {
    const res = await new Client(portal.url).postForm('/inscription', { name: 'Léa M.', email, password: PASSWORD, schoolUai: '0130001A' });
    expect(res.text).toContain('Un compte existe déjà avec cette adresse.');
  });
});

describe('password reset', () => {
  it('sends a one-hour single-use link that sets a new password and ends other sessions', async () => {
    const { email } = people.drane;
    const other = await signedIn(portal.url, email);
    const asked = await new Client(portal.url).postForm('/mot-de-passe-oublie', { email });
    expect(asked.status).toBe(303);
    const unknown = await new Client(portal.url).postForm('/mot-de-passe-oublie', { email: 'nobody@marseille.test' });
    expect(unknown.location).toBe(asked.location);

    const link = await latestAccountLink(portal.db, 'account-reset-password', email);
    const rs = await portal.db.$client.execute({
      sql: `select expires_at - created_at as ttl from user_tokens where purpose = 'reset-password'`,
    });
    expect(Number(rs.rows[0]!.ttl)).toBe(60 * 60 * 1000);

    const browser = new Client(portal.url);
    const form = await browser.get(path(link.url));
    expect(form.text).toContain('Nouveau mot de passe');
    const weak = await browser.postForm(path(link.url), { password: 'azertyuiop' });
    expect(weak.text).toContain('Ce mot de passe est trop courant');

    const done = await browser.postForm(path(link.url), { password: 'la mer est calme ce matin' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/espace?passwordSet=1');
    expect((await browser.get('/drane')).status).toBe(200);
    expect((await other.get('/drane')).status).toBe(302);
    expect((await browser.postForm(path(link.url), { password: 'encore un autre essai' })).status).toBe(410);

    expect((await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await new Client(portal.url).postJson('/api/v1/auth/login', { email, password: 'la mer est calme ce matin' })).status).toBe(
      200,
    );
    expect(await auditActions(people.drane.id)).toEqual(expect.arrayContaining(['user.password-reset-requested', 'user.password-reset']));
  });

  it('refuses an expired link', async () => {
    const { email } = people.city;
    await new Client(portal.url).postForm('/mot-de-passe-oublie', { email });
    const link = await latestAccountLink(portal.db, 'account-reset-password', email);
    await portal.db.$client.execute({
      sql: `update user_tokens set expires_at = ? where purpose = 'reset-password' and used_at is null`,
      args: [Date.now() - 1],
    });
    const res = await new Client(portal.url).get(path(link.url));
    expect(res.status).toBe(410);
    expect(res.text).toContain('Ce lien n&#39;est plus valable');
  });
});

describe('changing the password', () => {
  it('asks for the current one and keeps only this session', async () => {
    const { email } = people.trainer;
    const here = await signedIn(portal.url, email);
    const elsewhere = await signedIn(portal.url, email);
    const wrong = await here.postForm('/compte', {
      intent: 'change-password',
      current: 'pas celui-là',
      password: 'un nouveau mot de passe',
    });
    expect(wrong.text).toContain('Ce n&#39;est pas votre mot de passe actuel.');
    const ok = await here.postForm('/compte', { intent: 'change-password', current: PASSWORD, password: 'un nouveau mot de passe' });
    expect(ok.status).toBe(303);
    expect((await here.get('/compte?changed=1')).text).toContain('Votre mot de passe est changé.');
    expect((await elsewhere.get('/compte')).status).toBe(302);
    expect(await auditActions(people.trainer.id)).toContain('user.password-changed');
  });
});

describe('staff invitations and account administration', () => {
  const email = 'yasmine.animatrice@ligue13.test';

  it('lets an admin invite a trainer who then chooses a password and signs in', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const missingOrg = await admin.postForm('/admin/utilisateurs', {
      intent: 'invite',
      name: 'Yasmine Animatrice',
      email,
      role: 'trainer',
      organisation: '',
    });
    expect(missingOrg.text).toContain('Un formateur appartient à la Ligue ou à la Drane');
    const res = await admin.postForm('/admin/utilisateurs', {
      intent: 'invite',
      name: 'Yasmine Animatrice',
      email,
      role: 'trainer',
      organisation: 'ligue',
    });
    expect(res.status).toBe(303);
    const list = await admin.get(res.location!);
    expect(list.text).toContain(`Invitation envoyée à ${email}.`);
    expect(list.text).toContain('Invitation en attente');

    const link = await latestAccountLink(portal.db, 'account-invite', email);
    const browser = new Client(portal.url);
    expect((await browser.get(path(link.url))).text).toContain('Bonjour Yasmine Animatrice');
    const done = await browser.postForm(path(link.url), { password: 'les mouettes du vieux port' });
    expect(done.status).toBe(303);
    expect((await browser.get('/formateur')).status).toBe(200);
    expect(await userRow(email)).toMatchObject({ role: 'trainer', organisation_id: 1 });
  });

  it('lets an admin change a role (audited) but not their own', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const target = Number((await userRow(email))!.id);
    const res = await admin.postForm('/admin/utilisateurs', {
      intent: 'change-role',
      userId: String(target),
      role: 'drane',
      organisation: 'drane',
    });
    expect(res.status).toBe(303);
    expect(await userRow(email)).toMatchObject({ role: 'drane', organisation_id: 2 });
    const rs = await portal.db.$client.execute({
      sql: `select details from audit_log where action = 'user.role-changed' and subject_id = ?`,
      args: [String(target)],
    });
    expect(JSON.parse(String(rs.rows[0]!.details))).toMatchObject({ from: 'trainer', to: 'drane' });

    const self = await admin.postForm('/admin/utilisateurs', { intent: 'change-role', userId: String(people.admin.id), role: 'teacher' });
    expect(self.text).toContain('Vous ne pouvez pas faire cela sur votre propre compte');
  });

  it('lets an admin deactivate an account, which ends its sessions and sign-ins', async () => {
    const victim = await signedIn(portal.url, people['drane-trainer'].email);
    const admin = await signedIn(portal.url, people.admin.email);
    const res = await admin.postForm('/admin/utilisateurs', { intent: 'deactivate', userId: String(people['drane-trainer'].id) });
    expect(res.status).toBe(303);
    expect((await victim.get('/formateur')).status).toBe(302);
    const again = await new Client(portal.url).postJson('/api/v1/auth/login', { email: people['drane-trainer'].email, password: PASSWORD });
    expect(again.status).toBe(401);
    await admin.postForm('/admin/utilisateurs', { intent: 'reactivate', userId: String(people['drane-trainer'].id) });
    expect(await auditActions(people['drane-trainer'].id)).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });
});

describe('npm run cli -- user:create', () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'user:create', ...args], {
      env: { ...process.env, DATABASE_URL: portal.databaseUrl },
    });

  it('creates an active, confirmed account that can sign in', async () => {
    const { stdout } = await cli([
      '--role',
      'trainer',
      '--email',
      'cli.trainer@ligue13.test',
      '--name',
      'Samir CLI',
      '--password',
      'une longue phrase secrète',
      '--org',
      'ligue',
    ]);
    expect(stdout).toMatch(/Created trainer #\d+ cli\.trainer@ligue13\.test/);
    expect(await userRow('cli.trainer@ligue13.test')).toMatchObject({ active: 1, organisation_id: 1 });
    expect((await userRow('cli.trainer@ligue13.test'))!.email_verified_at).not.toBeNull();
    const res = await new Client(portal.url).postJson('/api/v1/auth/login', {
      email: 'cli.trainer@ligue13.test',
      password: 'une longue phrase secrète',
    });
    expect(res.json()).toMatchObject({ user: { name: 'Samir CLI', role: 'trainer' } });
  });

  it('explains what is wrong and exits non-zero', async () => {
    const failed = await cli(['--role', 'trainer', '--email', 'x@ligue13.test', '--name', 'X', '--password', 'motdepasse']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('Un formateur appartient à la Ligue ou à la Drane');
    expect((failed as { stderr: string }).stderr).toContain('trop courant');
  });
});
