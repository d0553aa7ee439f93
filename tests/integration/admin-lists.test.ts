// The admin's long lists stay light at city scale: /admin/utilisateurs shows one page of
// accounts at a time (searchable, every control named with its person), /admin/outbox one page
// of messages; each page stays under 100 KB however many there are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '~/platform/db/db.server';
import { SYSTEM } from '~/features/audit/audit.server';
import { createUser } from '~/features/accounts/users.server';
import { createAccounts, enrolTotp, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';

const BUDGET = 100 * 1024;
const bytes = (html: string) => Buffer.byteLength(html, 'utf8');
const names = (html: string) => [...html.matchAll(/aria-label="Désactiver ([^"]+)"/g)].map((m) => m[1]);

let people: Accounts;
const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    // 5,000 teachers, as a city's schools have, and one we look for.
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `('enseignant${i}@ac-aix-marseille.fr', 'Enseignant ${String(i).padStart(4, '0')}', 'teacher')`,
    );
    for (let i = 0; i < rows.length; i += 500)
      await db.$client.execute(`insert into users (email, name, role) values ${rows.slice(i, i + 500).join(', ')}`);
    await db.$client.execute(
      "insert into users (email, name, role) values ('yasmine.kaci@ac-aix-marseille.fr', 'Yasmine Kaci', 'teacher')",
    );
    const messages = Array.from(
      { length: 230 },
      (_, i) =>
        `('test-${i}', 'confirmation', '${i % 10 === 0 ? `+3363998${String(i).padStart(4, '0')}` : `parent${i}@example.fr`}', '{}', 'held')`,
    );
    await db.$client.execute(`insert into outbox (dedupe_key, kind, recipient, payload, status) values ${messages.join(', ')}`);
  },
});

describe('/admin/utilisateurs', () => {
  it('shows 5,000 accounts a page at a time, under 100 KB, each control named with its person', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const total = Number((await portal.db.$client.execute('select count(*) as n from users')).rows[0]!.n);
    const pages = Math.ceil(total / 25);
    expect(total).toBeGreaterThan(5000);
    const first = await admin.get('/admin/utilisateurs');
    expect(first.status).toBe(200);
    expect(bytes(first.text)).toBeLessThan(BUDGET);
    expect(first.text).toContain(`Comptes 1 à 25 sur ${total}`);
    expect(first.text).toContain(`Page 1 sur ${pages}`);
    // Everyone but the admin themself can be deactivated; each button says whom.
    expect(names(first.text).length).toBeGreaterThanOrEqual(24);
    for (const label of ['Changer le rôle de ', 'Rôle de ', 'Organisme de ']) expect(first.text).toContain(label);

    const second = await admin.get('/admin/utilisateurs?page=2');
    expect(second.text).toContain(`Comptes 26 à 50 sur ${total}`);
    expect(names(second.text).filter((n) => names(first.text).includes(n))).toEqual([]);
    const last = await admin.get('/admin/utilisateurs?page=9999');
    expect(last.text).toContain(`Page ${pages} sur ${pages}`);
    expect(last.text).not.toContain('rel="next"');
    expect(bytes(last.text)).toBeLessThan(BUDGET);
  });

  it('finds a person by name or address, and brings the admin back to the search after acting', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const found = await admin.get('/admin/utilisateurs?q=kaci');
    expect(names(found.text)).toEqual(['Yasmine Kaci']);
    expect(found.text).toContain('aria-label="Désactiver Yasmine Kaci"');
    expect((await admin.get('/admin/utilisateurs?q=YASMINE.KACI@')).text).toContain('Yasmine Kaci');
    expect((await admin.get('/admin/utilisateurs?q=50%25')).text).toContain('Aucun compte ne correspond');
    expect(names((await admin.get('/admin/utilisateurs?q=Enseignant%20012')).text)).toHaveLength(10);

    const id = (await portal.db.$client.execute("select id from users where email = 'yasmine.kaci@ac-aix-marseille.fr'")).rows[0]!.id;
    const done = await admin.postForm('/admin/utilisateurs?q=kaci', { intent: 'deactivate', userId: String(id) });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/admin/utilisateurs?q=kaci&notice=deactivated');
    const after = await admin.get(done.location!);
    expect(after.text).toContain('aria-label="Réactiver Yasmine Kaci"');
  });
});

describe('/admin/outbox', () => {
  it('pages through the messages, newest first, under 100 KB, back and forth', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const ids = (html: string) => [...new Set([...html.matchAll(/<td><a href="\/admin\/outbox\/(\d+)">/g)].map((m) => Number(m[1])))];
    const first = await admin.get('/admin/outbox');
    expect(bytes(first.text)).toBeLessThan(BUDGET);
    expect(ids(first.text)).toHaveLength(50);
    const nextUrl = /rel="next" href="([^"]+)"/.exec(first.text)![1]!.replaceAll('&amp;', '&');
    const second = await admin.get(nextUrl);
    expect(Math.max(...ids(second.text))).toBeLessThan(Math.min(...ids(first.text)));
    const prev = /rel="prev" href="([^"]+)"/.exec(second.text)![1]!.replaceAll('&amp;', '&');
    expect(ids((await admin.get(prev)).text)).toEqual(ids(first.text));
  });

  it('finds the messages of one recipient', async () => {
    const admin = await signedIn(portal.url, people.admin.email);
    const found = await admin.get('/admin/outbox?q=%2B3363998');
    expect(found.text.match(/<td class="ltr">\+3363998/g)).toHaveLength(23);
    expect((await admin.get('/admin/outbox?q=parent7%40')).text).toContain('parent7@example.fr');
  });
});

describe('/admin/utilisateurs with the demo city', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-demo-admin-'));
    server = await startServer({ DATABASE_URL: `file:${join(dir, 'demo.db')}`, DEMO_DATA: '1' });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays under 100 KB a page', { timeout: 30_000 }, async () => {
    const db = openDb(`file:${join(dir, 'demo.db')}`);
    const created = await createUser(
      db,
      { role: 'admin', email: 'admin.test@passerelle.test', name: 'Test Admin', password: PASSWORD },
      SYSTEM,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    await enrolTotp(db, created.user);
    const admin = await signedIn(server.url, created.user.email);
    db.$client.close();
    for (const path of ['/admin/utilisateurs', '/admin/utilisateurs?page=2', '/admin/outbox']) {
      const res = await admin.get(path);
      expect(res.status).toBe(200);
      expect(bytes(res.text), path).toBeLessThan(BUDGET);
    }
  });
});
