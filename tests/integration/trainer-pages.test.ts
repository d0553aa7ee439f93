// The trainer pages as a browser without JavaScript uses them: plain forms, post, redirect,
// get. Planning (once, weekly, duplicate), editing, cancelling, the roster, booking on someone's
// behalf, attendance at the door, exports.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '~/platform/text/csv';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let trainer: Client;
let anonymous: Client;

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
  },
});

beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
  anonymous = new Client(portal.url);
});

const post = (path: string, fields: [string, string][]) =>
  trainer.request('POST', path, { body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

// Page text as a person reads it (the HTML escapes apostrophes and quotes).
const read = (path: string) => trainer.read(path);

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

const sessionForm = (over: Record<string, string> = {}): [string, string][] => [
  ...Object.entries({
    intent: 'save',
    title: 'Premiers pas sur la tablette',
    audience: 'parent',
    date: '2027-03-16',
    time: '14:00',
    duration: '120',
    venueName: 'Centre social Belsunce',
    capacity: '10',
    weeks: '1',
    ...over,
  }),
  ['languages', 'fr'],
  ['languages', 'ar'],
];

async function bookParent(sessionId: number, firstName: string, lastName: string, over: Record<string, unknown> = {}) {
  const res = await anonymous.postJson(`/api/v1/sessions/${sessionId}/registrations`, {
    firstName,
    lastName,
    phone: `06 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    consent: true,
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return res.json<{ registration: { id: number; code: string } }>().registration;
}

describe('planning', () => {
  it('creates a weekly series that keeps its Paris time across the change to summer time', async () => {
    const res = await post('/formateur/sessions/nouvelle', sessionForm({ weeks: '4' }));
    expect(res.status, res.text.slice(0, 500)).toBe(303);
    expect(res.location).toMatch(/^\/formateur\/sessions\/\d+\?fait=createdSeries&n=4$/);
    const starts = await rows(`select starts_at, languages from sessions where title = 'Premiers pas sur la tablette' order by starts_at`);
    expect(starts.map((r) => new Date(Number(r.starts_at)).toISOString())).toEqual([
      '2027-03-16T13:00:00.000Z',
      '2027-03-23T13:00:00.000Z',
      '2027-03-30T12:00:00.000Z',
      '2027-04-06T12:00:00.000Z',
    ]);
    expect(starts[0]!.languages).toBe('["fr","ar"]');
    const page = await trainer.get(res.location!);
    expect(page.text).toContain('4 ateliers sont créés, un par semaine.');
    expect(page.text).toContain('mardi 16 mars 2027, 14\u00a0h – 16\u00a0h');
  });

  it('takes the title and audience of a chosen track, whatever the audience radio says', async () => {
    const res = await post(
      '/formateur/sessions/nouvelle',
      sessionForm({ trackId: '1', title: '', audience: 'teacher', date: '2027-06-01', schoolUai: '0130002B', venueName: '' }),
    );
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const id = Number(/sessions\/(\d+)/.exec(res.location!)![1]);
    expect(await rows('select title, audience, track_id, venue_name, school_uai from sessions where id = ?', [id])).toEqual([
      {
        title: "Suivre la scolarité avec l'espace numérique de l'école",
        audience: 'parent',
        track_id: 1,
        venue_name: 'École maternelle du Panier',
        school_uai: '0130002B',
      },
    ]);
  });

  it('shows the form again with a message beside each wrong field, values kept', async () => {
    const res = await post(
      '/formateur/sessions/nouvelle',
      sessionForm({ title: 'Atelier sans date', date: '', capacity: '0', venueName: '' }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Donnez une date valable');
    expect(res.text).toContain('Donnez un nombre de places entre 1 et 1000.');
    expect(res.text).toContain('Donnez le lieu, ou choisissez une école.');
    expect(res.text).toContain('value="Atelier sans date"');
  });

  it('duplicates a session a week later, with the same place and seats', async () => {
    const id = await createSession(portal.db, { startsAt: Date.UTC(2027, 4, 11, 12), capacity: 17 });
    const res = await trainer.get(`/formateur/sessions/nouvelle?depuis=${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dupliquer un atelier');
    expect(res.text).toContain('value="2027-05-18"');
    expect(res.text).toContain('value="14:00"');
    expect(res.text).toContain('value="17"');
  });

  it('edits a session: a lower capacity than confirmed is refused, a move is announced', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 9 * DAY, capacity: 5 });
    await bookParent(id, 'Lina', 'Martin', { adults: 2, email: 'lina@example.fr' });
    const page = await trainer.get(`/formateur/sessions/${id}/modifier`);
    const value = (name: string) =>
      new RegExp(`name="${name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="${name}"`).exec(page.text)?.slice(1).find(Boolean) ?? '';
    const fields = {
      title: value('title'),
      date: value('date'),
      time: value('time'),
      duration: '120',
      venueName: value('venueName'),
      venueAddress: value('venueAddress'),
      schoolUai: value('schoolUai'),
    };
    const refused = await post(`/formateur/sessions/${id}/modifier`, sessionForm({ ...fields, capacity: '1' }));
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Impossible de descendre sous 2 places');
    const moved = await post(`/formateur/sessions/${id}/modifier`, sessionForm({ ...fields, time: '18:30', capacity: '8' }));
    expect(moved.status, moved.text.slice(0, 300)).toBe(303);
    expect((await trainer.get(moved.location!)).text).toContain('1 personne inscrite a reçu la mise à jour.');
    expect(await rows(`select capacity from sessions where id = ?`, [id])).toEqual([{ capacity: 8 }]);
    expect(await rows(`select recipient from outbox where kind = 'session-updated' and channel = 'email'`)).toEqual([
      { recipient: 'lina@example.fr' },
    ]);
  });

  it('cancels a session with a reason', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 9 * DAY });
    expect(
      (
        await post(`/formateur/sessions/${id}/modifier`, [
          ['intent', 'cancel-session'],
          ['reason', ''],
        ])
      ).status,
    ).toBe(422);
    const res = await post(`/formateur/sessions/${id}/modifier`, [
      ['intent', 'cancel-session'],
      ['reason', 'Salle indisponible'],
    ]);
    expect(res.status).toBe(303);
    const page = await read(res.location!);
    expect(page).toContain("L'atelier est annulé. Personne n'était inscrit.");
    expect(page).toContain('Raison : Salle indisponible');
  });
});

describe('the roster', () => {
  it("books on someone's behalf with a name only and shows the code to hand over", async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    const res = await post(`/formateur/sessions/${id}`, [
      ['intent', 'book'],
      ['firstName', 'Fatou'],
      ['lastName', 'Diallo'],
      ['adults', '1'],
      ['language', 'fr'],
      ['consent', 'on'],
    ]);
    expect(res.status).toBe(303);
    const page = await trainer.get(res.location!);
    const [reg] = await rows(`select code, created_by, status from registrations where session_id = ?`, [id]);
    expect(reg).toMatchObject({ created_by: people.trainer.id, status: 'confirmed' });
    expect(page.text).toContain('Fatou Diallo a une place confirmée.');
    expect(page.text).toContain(`${String(reg!.code).slice(0, 3)} ${String(reg!.code).slice(3)}`);
  });

  it('confirms someone off the waitlist by hand and cancels for someone else', async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    const first = await bookParent(id, 'Inès', 'Roux');
    const waiting = await bookParent(id, 'Yanis', 'Roux');
    const page = await read(`/formateur/sessions/${id}`);
    expect(page).toContain("Liste d'attente (1)");
    expect(page).toMatch(/06 \d\d \d\d \d\d \d\d/);
    expect(
      (
        await post(`/formateur/sessions/${id}`, [
          ['intent', 'promote'],
          ['registrationId', String(waiting.id)],
        ])
      ).status,
    ).toBe(303);
    expect(await rows(`select status from registrations where id = ?`, [waiting.id])).toEqual([{ status: 'confirmed' }]);
    expect(await rows(`select capacity from sessions where id = ?`, [id])).toEqual([{ capacity: 2 }]);
    expect(
      (
        await post(`/formateur/sessions/${id}`, [
          ['intent', 'cancel-registration'],
          ['registrationId', String(first.id)],
        ])
      ).status,
    ).toBe(303);
    expect(await rows(`select status from registrations where id = ?`, [first.id])).toEqual([{ status: 'cancelled' }]);
  });

  it('exports a CSV that spreadsheets open safely, and audits it', async () => {
    const id = await createSession(portal.db);
    await bookParent(id, '=HYPERLINK("http://evil.example")', 'Malin');
    await bookParent(id, 'Élodie', 'Garnier; Fils');
    // Raw bytes: Response.text() would drop the BOM spreadsheets need.
    const res = await fetch(`${portal.url}/formateur/sessions/${id}/export.csv`, {
      headers: { Cookie: [...trainer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="inscrits-\d{4}-\d\d-\d\d-atelier-\d+\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFStatut;')).toBe(true);
    const records = parseCsv(text).map((r) => r.fields);
    expect(records[0]).toEqual([
      'Statut',
      "Position d'attente",
      'Nom',
      'Prénom',
      'Adultes',
      'Téléphone',
      'E-mail',
      'Langue',
      'Code',
      'Présence',
      'Inscrit le',
      'Inscrit par',
      "Garde d'enfants",
      'Interprète',
      'Accessibilité',
    ]);
    expect(records.map((r) => r[3])).toContain('\'=HYPERLINK("http://evil.example")');
    expect(records.map((r) => r[2])).toContain('Garnier; Fils');
    const sheet = await read(`/formateur/sessions/${id}/emargement`);
    expect(sheet).toContain("Feuille d'émargement");
    expect(sheet).toContain('Garnier; Fils Élodie');
    expect(
      await rows(
        `select json_extract(details, '$.format') as format from audit_log where action = 'roster.exported' and subject_id = ? order by id`,
        [String(id)],
      ),
    ).toEqual([{ format: 'csv' }, { format: 'sign-in-sheet' }]);
  });
});

describe('attendance at the door', () => {
  it('marks people present one tap at a time, finds them by name or code, adds walk-ins', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 10 * 60_000, capacity: 3 });
    const amina = await bookParent(id, 'Amina', 'Benali');
    await bookParent(id, 'Karim', 'Saïdi', { adults: 2 });
    const byCode = await trainer.get(`/formateur/sessions/${id}/presences?q=${amina.code.slice(0, 3).toLowerCase()}`);
    expect(byCode.text).toContain('Amina Benali');
    expect(byCode.text).not.toContain('Karim');
    const tap = await post(`/formateur/sessions/${id}/presences`, [
      ['intent', 'mark'],
      ['registrationId', String(amina.id)],
      ['present', '1'],
      ['q', 'ami'],
    ]);
    expect(tap.status).toBe(303);
    expect(tap.location).toBe(`/formateur/sessions/${id}/presences?q=ami&marque=${amina.id}#r-${amina.id}`);
    const after = await read(tap.location!);
    expect(after).toContain('Amina Benali : présence notée.');
    expect(after).toContain('Présents : 1 sur 2 inscrits');
    // A walk-in while the session is full on paper: the capacity grows to keep the count true.
    const walkIn = await post(`/formateur/sessions/${id}/presences`, [
      ['intent', 'walk-in'],
      ['firstName', 'Sami'],
      ['lastName', 'Nouveau'],
      ['adults', '1'],
    ]);
    expect(walkIn.status).toBe(303);
    expect(await read(walkIn.location!)).toContain('Sami Nouveau : ajout à la liste et présence notée.');
    expect(
      await rows(
        `select r.status, a.present, r.created_by from registrations r join attendance a on a.registration_id = r.id
            where r.last_name = 'Nouveau'`,
      ),
    ).toEqual([{ status: 'confirmed', present: 1, created_by: people.trainer.id }]);
    expect(await rows('select capacity from sessions where id = ?', [id])).toEqual([{ capacity: 4 }]);
    expect(
      (
        await post(`/formateur/sessions/${id}/presences`, [
          ['intent', 'walk-in'],
          ['firstName', ''],
          ['lastName', ''],
        ])
      ).status,
    ).toBe(422);
  });

  it('opens on the day of the session', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 2 * DAY });
    const page = await read(`/formateur/sessions/${id}/presences`);
    expect(page).toContain("L'appel ouvre le jour de l'atelier");
    expect(page).not.toContain('name="intent" value="walk-in"');
  });
});

describe('the trainer home', () => {
  it("lists the organisation's sessions with their fill rate and alerts", async () => {
    await createSession(portal.db, { startsAt: Date.now() + 2 * DAY, title: 'Atelier sans personne' });
    const almost = await createSession(portal.db, { startsAt: Date.now() + 6 * DAY, capacity: 3, title: 'Atelier presque plein' });
    await bookParent(almost, 'Nora', 'Petit');
    await createSession(portal.db, { audience: 'teacher', title: 'Formation Drane' });
    const home = await read('/formateur');
    expect(home).toContain('Atelier sans personne');
    expect(home).toContain("Personne d'inscrit à moins de 3 jours");
    expect(home).toContain('1 / 3 places (33 %)');
    expect(home).toContain('Presque complet');
    expect(home).not.toContain('Formation Drane');
  });

  it("keeps other organisations' session pages closed", async () => {
    const teacherSession = await createSession(portal.db, { audience: 'teacher' });
    for (const path of ['', '/modifier', '/presences', '/emargement', '/export.csv']) {
      expect((await trainer.get(`/formateur/sessions/${teacherSession}${path}`)).status).toBe(403);
    }
    expect(
      (
        await post(`/formateur/sessions/${teacherSession}/presences`, [
          ['intent', 'walk-in'],
          ['firstName', 'X'],
          ['lastName', 'Y'],
        ])
      ).status,
    ).toBe(403);
    expect((await trainer.get('/formateur/sessions/999999')).status).toBe(404);
  });
});
