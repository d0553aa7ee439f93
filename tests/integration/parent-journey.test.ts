// The parent's booking form, second pass: errors seen and named, needs stored and shown to the
// trainer (roster, CSV), and no silent waitlist when two adults want the last seat.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '~/platform/text/csv';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

let people: Accounts;
let trainer: Client;
const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
  },
});
beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
});

const book = (path: string, fields: Record<string, string>) =>
  fetch(`${portal.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
const parent = (phone: string, over: Record<string, string> = {}) => ({
  firstName: 'Amina',
  lastName: 'Benali',
  phone,
  consent: 'on',
  ...over,
});
const text = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
async function registrationsOf(sessionId: number) {
  const rs = await portal.db.$client.execute({
    sql: 'select status, adults, needs from registrations where session_id = ?',
    args: [sessionId],
  });
  return rs.rows.map((r) => ({ status: String(r.status), adults: Number(r.adults), needs: r.needs == null ? null : String(r.needs) }));
}

describe('a form that comes back with errors', () => {
  it('says "Erreur" in the title, takes the focus with its summary, and names each field', async () => {
    const id = await createSession(portal.db);
    for (const [prefix, title, line] of [
      ['', '<title>Erreur : ', 'Prénom : ce champ est obligatoire.'],
      ['/en', '<title>Error: ', 'First name: this field is required.'],
      ['/ar', '<title>خطأ: ', 'الاسم: '],
    ] as const) {
      const res = await book(`${prefix}/sessions/${id}`, {});
      expect(res.status).toBe(422);
      const html = text(await res.text());
      expect(html).toContain(title);
      expect(html).toMatch(/<div[^>]*id="form-errors"[^>]*>/);
      expect(/<div[^>]*id="form-errors"[^>]*>/.exec(html)![0]).toMatch(/tabindex="-1"[^>]*autofocus|autofocus[^>]*tabindex="-1"/);
      expect(html).toContain(line);
    }
    const login = text(await (await fetch(`${portal.url}/login`, { method: 'POST', body: new URLSearchParams({}) })).text());
    expect(login).toContain('<title>Erreur : ');
    expect(login).toContain('Adresse e-mail : ce champ est obligatoire.');
  });
});

describe("a family's needs", () => {
  it('are stored, shown on the roster and exported, then erased with the booking', async () => {
    const id = await createSession(portal.db, { capacity: 10 });
    const res = await book(
      `/sessions/${id}`,
      parent('06 11 22 33 44', { childcare: '2 ans et 4 ans', interpreter: 'comorien', accessibility: 'fauteuil roulant' }),
    );
    expect(res.status).toBe(303);
    const [row] = await registrationsOf(id);
    expect(JSON.parse(row!.needs!)).toEqual({ childcare: '2 ans et 4 ans', interpreter: 'comorien', accessibility: 'fauteuil roulant' });

    const roster = text((await trainer.get(`/formateur/sessions/${id}`)).text).replace(/ data-astro-cid-\w+/g, '');
    expect(roster).toContain("Garde d'enfants : <bdi>2 ans et 4 ans</bdi>");
    expect(roster).toContain('Interprète : <bdi>comorien</bdi>');
    const csv = parseCsv((await trainer.get(`/formateur/sessions/${id}/export.csv`)).text).map((r) => r.fields);
    expect(csv[0]!.slice(-3)).toEqual(["Garde d'enfants", 'Interprète', 'Accessibilité']);
    expect(csv[1]!.slice(-3)).toEqual(['2 ans et 4 ans', 'comorien', 'fauteuil roulant']);

    // Nothing asked, nothing stored; the API takes the same needs.
    await book(`/sessions/${id}`, parent('06 11 22 33 45'));
    const api = await fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        firstName: 'Nora',
        lastName: 'Haddad',
        phone: '06 11 22 33 46',
        consent: true,
        needs: { interpreter: 'arabe' },
      }),
    });
    expect(api.status).toBe(201);
    const bad = await fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        firstName: 'Nora',
        lastName: 'Haddad',
        phone: '06 11 22 33 47',
        consent: true,
        needs: { childcare: 'x'.repeat(81) },
      }),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toHaveProperty('childcare');
    expect((await registrationsOf(id)).map((r) => r.needs && JSON.parse(r.needs))).toEqual([
      { childcare: '2 ans et 4 ans', interpreter: 'comorien', accessibility: 'fauteuil roulant' },
      null,
      { interpreter: 'arabe' },
    ]);

    // Erased with the name when the parent cancels through the link.
    const manage = res.headers.get('location')!.replace(/\?.*$/, '');
    await book(manage, { action: 'cancel', confirm: 'yes' });
    expect((await registrationsOf(id))[0]!.needs).toBeNull();
  });
});

describe('two adults and one seat left', () => {
  it('asks before waitlisting, and books one adult now when asked to', async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    const asked = await book(`/sessions/${id}`, parent('06 22 33 44 55', { adults: '2' }));
    expect(asked.status).toBe(200);
    const html = text(await asked.text());
    expect(html).toContain("Il ne reste qu'une place et vous êtes 2.");
    expect(html).toContain('Réserver pour 1 adulte maintenant');
    expect(await registrationsOf(id)).toEqual([]);

    const one = await book(`/sessions/${id}`, parent('06 22 33 44 55', { adults: '2', seats: 'one' }));
    expect(one.status).toBe(303);
    expect(await registrationsOf(id)).toEqual([{ status: 'confirmed', adults: 1, needs: null }]);
  });

  it('waitlists both when the parent says so; the form warns beforehand; the API books as asked', async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    expect(text(await (await fetch(`${portal.url}/sessions/${id}`)).text())).toContain(
      "Il reste 1 place : à 2 adultes, vous serez sur la liste d'attente.",
    );
    const both = await book(`/sessions/${id}`, parent('06 33 44 55 66', { adults: '2', seats: 'waitlist' }));
    expect(both.status).toBe(303);
    expect(await registrationsOf(id)).toEqual([{ status: 'waitlisted', adults: 2, needs: null }]);

    const other = await createSession(portal.db, { capacity: 1 });
    const api = await fetch(`${portal.url}/api/v1/sessions/${other}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Nora', lastName: 'Haddad', phone: '06 33 44 55 67', adults: 2, consent: true }),
    });
    expect(api.status).toBe(201);
    expect(((await api.json()) as { registration: { status: string } }).registration.status).toBe('waitlisted');
  });
});
