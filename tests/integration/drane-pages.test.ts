// The staff and teacher pages over HTTP, without script: the dashboard's filters and chart,
// a school's page, the headcount and equipment forms, the import upload, weekly reports, and
// a teacher's home with one-tap booking.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishWeeklyReport, reportWeekAt } from '~/features/readiness/weekly-report/weekly-report-job.server';
import { createAccounts, signedIn, type Accounts, type Client } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let drane: Client;
let city: Client;
let teacherSession: number;
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures', name));

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    await db.$client.execute(
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
          values ('0130001A', 'interactive-display', 10, '2025-01-10', '2025-02-01')`,
    );
    teacherSession = await createSession(db, { audience: 'teacher', startsAt: Date.now() + 8 * DAY, capacity: 20 });
  },
});

beforeAll(async () => {
  [drane, city] = await Promise.all([signedIn(portal.url, people.drane.email), signedIn(portal.url, people.city.email)]);
});

// Markup without Astro's style scoping attributes, apostrophes as a person reads them.
const read = (html: string) => html.replace(/ data-astro-cid-\w+/g, '').replace(/&#39;/g, "'");
const rows = async (sql: string) => (await portal.db.$client.execute(sql)).rows.map((r) => ({ ...r }));

describe('the dashboard', () => {
  it('filters the school table by arrondissement with a plain GET, and sorts by its headers', async () => {
    const res = await drane.get('/drane?arrondissement=1&tri=nom&ordre=asc');
    expect(res.status).toBe(200);
    const html = read(res.text);
    const table = html.slice(html.indexOf('id="ecoles"'));
    expect(table).toContain('1 école');
    expect(table).toContain('href="/drane/ecoles/0130001A"');
    expect(table).not.toContain('0130003C');
    expect(table).toMatch(
      /<th scope="col" aria-sort="ascending"[^>]*>\s*<a href="\/drane\?arrondissement=1&amp;tri=nom&amp;ordre=desc#ecoles"/,
    );
    expect(table).toContain('<option value="1" selected>1er</option>');
  });

  it('draws the chart on the server, with a title, a description and a table of the same numbers', async () => {
    const html = read((await city.get('/drane')).text);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    expect(html).toContain('<title id="chart-title">Préparation des écoles par arrondissement</title>');
    expect(html).toContain("L'arrondissement qui compte le plus d'écoles à risque est le 1er (1).");
    expect(html).toContain("<caption>Nombre d'écoles par arrondissement et par préparation</caption>");
    expect(html).toContain('Équipement sans formation');
    expect(html).not.toContain('<script');
  });
});

describe("a school's page", () => {
  it('shows readiness per kind, the timeline, and "propose a session here" for Drane staff', async () => {
    const res = await drane.get('/drane/ecoles/0130001A');
    expect(res.status).toBe(200);
    const html = read(res.text);
    expect(html).toContain('Écrans interactifs : 0');
    expect(html).toContain('<time datetime="2025-02-01">1er février 2025</time>');
    expect(html).toContain('href="/formateur/sessions/nouvelle?ecole=0130001A"');
    expect(html).toContain(`href="/sessions/${teacherSession}"`);
    expect(html).not.toContain('/drane/ecoles/0130001A/equipement');
    const forCity = await city.get('/drane/ecoles/0130001A');
    expect(forCity.text).toContain('href="/drane/ecoles/0130001A/equipement"');
    expect(forCity.text).not.toContain('/formateur/sessions/nouvelle');
    expect((await drane.get('/drane/ecoles/0139999Z')).status).toBe(404);
  });

  it('lets Drane staff correct the teacher headcount, and keeps the old number in the audit log', async () => {
    const res = await drane.postForm('/drane/ecoles/0130002B', { teachers: '9' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/drane/ecoles/0130002B?enregistre=effectif#effectif');
    expect(await rows(`select teachers from schools where uai = '0130002B'`)).toEqual([{ teachers: 9 }]);
    const audit = await rows(`select actor_user_id, details from audit_log where action = 'school.teachers-changed'`);
    expect(audit).toEqual([{ actor_user_id: people.drane.id, details: JSON.stringify({ from: 6, to: 9 }) }]);
    const bad = await drane.postForm('/drane/ecoles/0130002B', { teachers: 'neuf' });
    expect(bad.status).toBe(422);
    expect(read(bad.text)).toContain("Indiquez un nombre entier d'enseignants, de 0 à 500.");
    expect((await (await signedIn(portal.url, people.teacher.email)).postForm('/drane/ecoles/0130002B', { teachers: '1' })).status).toBe(
      403,
    );
  });
});

describe('equipment, by hand and by file', () => {
  it('lets city staff add, change and remove a line, each recorded', async () => {
    const path = '/drane/ecoles/0130002B/equipement';
    const missing = await city.postForm(path, { kind: 'tablet', quantity: '6', plannedOn: '', deliveredOn: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Indiquez la date prévue, la date de livraison, ou les deux.');
    expect((await city.postForm(path, { kind: 'tablet', quantity: '6', plannedOn: '2027-01-15', deliveredOn: '' })).location).toBe(
      `${path}?fait=enregistre`,
    );
    await city.postForm(path, { kind: 'tablet', existing: '1', quantity: '8', plannedOn: '2027-01-15', deliveredOn: '2027-01-14' });
    expect(await rows(`select quantity, planned_on, delivered_on, source from equipment_rollouts where school_uai = '0130002B'`)).toEqual([
      { quantity: 8, planned_on: '2027-01-15', delivered_on: '2027-01-14', source: 'manual' },
    ]);
    await city.postForm(path, { intent: 'delete', kind: 'tablet', existing: '1' });
    expect(await rows(`select 1 from equipment_rollouts where school_uai = '0130002B'`)).toEqual([]);
    const audit = await rows(`select action from audit_log where subject_id = '0130002B' and action like 'rollout.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['rollout.saved', 'rollout.saved', 'rollout.deleted']);
    expect((await drane.get(path)).status).toBe(403);
  });

  it('previews an uploaded Jamf inventory, applies it on confirmation, and changes nothing the second time', async () => {
    const upload = (name: string) => {
      const form = new FormData();
      form.set('intent', 'preview');
      form.set('file', new Blob([fixture(name)], { type: 'text/csv' }), name);
      return city.request('POST', '/drane/equipement/import', { body: form });
    };
    const preview = await upload('jamf-computers.csv');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('3 nouvelles lignes, 0 modifiées, 0 déjà à jour.');
    expect(preview.text).toContain('« École des Calanques » : 1 appareil · ligne 7');
    expect(preview.text).toContain('Ligne 8 : appareil sans numéro de série.');
    expect(await rows(`select 1 from equipment_rollouts where kind = 'classroom-computer'`)).toEqual([]);

    const content = /name="content" value="([^"]*)"/
      .exec(preview.text)![1]!
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const form = new FormData();
    form.set('intent', 'apply');
    form.set('fileName', 'jamf-computers.csv');
    form.set('content', content);
    const applied = await city.request('POST', '/drane/equipement/import', { body: form });
    expect(applied.status).toBe(303);
    expect(applied.location).toBe('/drane/equipement/import?nouvelles=3&modifiees=0&ecrites=3');
    expect(await rows(`select school_uai, quantity from equipment_rollouts where kind = 'classroom-computer' order by school_uai`)).toEqual(
      [
        { school_uai: '0130001A', quantity: 3 },
        { school_uai: '0130002B', quantity: 1 },
        { school_uai: '0130003C', quantity: 2 },
      ],
    );
    const again = await upload('jamf-computers.csv');
    expect(again.text).toContain('Rien à changer');
    expect(again.text).not.toContain('name="content"');
    const empty = await city.request('POST', '/drane/equipement/import', { body: new FormData() });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Choisissez un fichier CSV.');
    expect((await drane.get('/drane/equipement/import')).status).toBe(403);
  });
});

describe('weekly reports', () => {
  it('lists the archive and shows each week; the English address leads there', async () => {
    await publishWeeklyReport(portal.db, '2026-W10', Date.now());
    const list = await drane.get('/drane/rapports');
    expect(list.text).toContain('href="/drane/rapports/2026-W10"');
    // The server's own scheduler made last week's report when it started.
    expect(list.text).toContain(`href="/drane/rapports/${reportWeekAt(Date.now()) ?? ''}"`);
    const page = await city.get('/drane/rapports/2026-W10');
    expect(page.status).toBe(200);
    expect(page.text).toContain('du 2 au 8 mars 2026');
    expect((await drane.get('/drane/rapports/2026-W60')).status).toBe(404);
    const english = await drane.get('/drane/reports/2026-W10');
    expect([english.status, english.location]).toEqual([301, '/drane/rapports/2026-W10']);
  });
});

describe("a teacher's home", () => {
  it("puts the trainings for the school's equipment first, and books one in one tap", async () => {
    const teacher = await signedIn(portal.url, people.teacher.email);
    const home = await teacher.get('/enseignant');
    expect(home.status).toBe(200);
    const mine = home.text.slice(home.text.indexOf('id="pour-mon-ecole"'), home.text.indexOf('id="autres"'));
    expect(mine).toContain(`href="/sessions/${teacherSession}"`);
    expect(mine).toContain('Pour : écrans interactifs');
    const booked = await teacher.postForm('/enseignant', { sessionId: String(teacherSession) });
    expect(booked.status).toBe(303);
    expect(booked.location).toMatch(/^\/r\/[A-Za-z0-9_-]+\?nouveau=1$/);
    const after = await teacher.get('/enseignant');
    expect(after.text).toContain('Vous êtes inscrit·e');
    const record = after.text.slice(after.text.indexOf('id="parcours"'));
    expect(record).toContain(`href="/sessions/${teacherSession}"`);
    expect(await rows(`select status from registrations where user_id = ${people.teacher.id}`)).toEqual([{ status: 'confirmed' }]);
  });

  it('shows the teacher their own record first, then the next six dates of each list and a link to the rest', async () => {
    for (let i = 0; i < 7; i++)
      await createSession(portal.db, { audience: 'teacher', startsAt: Date.now() + (10 + i) * DAY, capacity: 20 });
    const teacher = await signedIn(portal.url, people.teacher.email);
    const home = await teacher.get('/enseignant');
    expect(home.text.indexOf('id="parcours"')).toBeLessThan(home.text.indexOf('id="pour-mon-ecole"'));
    expect(home.text.indexOf('id="heures"')).toBeLessThan(home.text.indexOf('id="pour-mon-ecole"'));
    const mine = (html: string) => html.slice(html.indexOf('id="pour-mon-ecole"'), html.indexOf('id="autres"'));
    const cards = (html: string) => mine(html).match(/href="\/sessions\/\d+"/g)?.length ?? 0;
    expect(cards(home.text)).toBe(6);
    expect(mine(home.text)).toContain('href="/enseignant?toutes=1#pour-mon-ecole">Voir les 2 autres dates</a>');
    const all = await teacher.get('/enseignant?toutes=1');
    expect(cards(all.text)).toBe(8);
    expect(mine(all.text)).not.toContain('Voir les');
    // The school's equipment, counted in the singular for one and the plural for several.
    expect(home.text).toContain('10 écrans interactifs, livraison faite le');
  });

  it('asks an unconfirmed teacher to confirm their address instead of offering to book', async () => {
    const teacher = await signedIn(portal.url, people['unconfirmed-teacher'].email);
    const home = await teacher.get('/enseignant');
    expect(home.text).toContain('Confirmez votre adresse e-mail pour réserver');
    expect(home.text).not.toContain('name="sessionId"');
    expect((await teacher.postForm('/enseignant', { sessionId: String(teacherSession) })).status).toBe(403);
  });
});
