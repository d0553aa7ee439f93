// A trainer's day against the built server, without JavaScript: the home by what comes next,
// the door page's statuses, undo and end of call, marks sent twice (idempotency keys) or late
// (the latest wins), the "on vous a manqué" follow-up and the no-show rates.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReport } from '~/features/readiness/weekly-report/weekly-report.server';
import { queueMissedYou } from '~/features/attendance/no-shows.server';
import { utcToParisLocal } from '~/platform/text/dates';
import { isoWeekOf } from '~/features/readiness/weekly-report/iso-week';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const HOUR = 3_600_000;
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
const read = (path: string) => trainer.read(path);
async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));
}

let phones = 0;
async function book(sessionId: number, firstName: string, over: Record<string, unknown> = {}) {
  const res = await anonymous.postJson(`/api/v1/sessions/${sessionId}/registrations`, {
    firstName,
    lastName: 'Test',
    phone: `06 39 98 ${String(4000 + ++phones).slice(0, 2)} ${String(phones).padStart(2, '0')}`,
    consent: true,
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return res.json<{ registration: { id: number } }>().registration;
}

// Sessions that have started (booking is closed then) get their people written directly.
async function seat(sessionId: number, firstName: string, contact: { email?: string; phone?: string; language?: string }) {
  const rs = await portal.db.$client.execute({
    sql: `insert into registrations (session_id, status, first_name, last_name, email, phone, language, code)
        values (?, 'confirmed', ?, 'Test', ?, ?, ?, ?) returning id`,
    args: [
      sessionId,
      firstName,
      contact.email ?? null,
      contact.phone ?? null,
      contact.language ?? 'fr',
      `T${sessionId}${firstName}`.slice(0, 10).toUpperCase(),
    ],
  });
  return Number(rs.rows[0]!.id);
}

describe('the door page', () => {
  it('says present, late, excused; the undo sits on the row just marked; a later tap wins, an older one does not', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 2 * HOUR });
    const amina = await book(id, 'Amina');
    const door = `/formateur/sessions/${id}/presences`;
    const page = await read(door);
    // Before the start there is no "absent" (a no-show is only known once it has begun).
    const button = (label: string) => new RegExp(`${label}<span class="visually-hidden"[^>]*> : Amina Test`);
    expect(page).toMatch(button('En retard'));
    expect(page).toMatch(button('Excusé·e'));
    expect(page).not.toMatch(button('Absent·e'));

    const late = await post(door, [
      ['intent', 'mark'],
      ['registrationId', String(amina.id)],
      ['status', 'late'],
      ['key', 'tap-late-0001'],
    ]);
    expect(late.location).toBe(`${door}?marque=${amina.id}#r-${amina.id}`);
    const after = await read(late.location!);
    expect(after).toContain('Amina Test : arrivée en retard notée.');
    expect(after).toMatch(button('Retirer'));
    // The same key again changes nothing, even with another status.
    await post(door, [
      ['intent', 'mark'],
      ['registrationId', String(amina.id)],
      ['status', 'excused'],
      ['key', 'tap-late-0001'],
    ]);
    // A mark queued offline an hour ago is older than the one kept: it loses.
    const hourAgo = String(Date.now() - HOUR);
    await post(door, [
      ['intent', 'mark'],
      ['registrationId', String(amina.id)],
      ['status', 'excused'],
      ['key', 'tap-old-00001'],
      ['at', hourAgo],
    ]);
    expect(await rows('select present, status from attendance where registration_id = ?', [amina.id])).toEqual([
      { present: 1, status: 'late' },
    ]);
    expect(
      await rows(`select count(*) as n from audit_log where action = 'attendance.marked' and subject_id = ?`, [String(amina.id)]),
    ).toEqual([{ n: 1 }]);

    const undo = await post(door, [
      ['intent', 'undo'],
      ['registrationId', String(amina.id)],
    ]);
    expect(undo.location).toBe(`${door}?retire=${amina.id}#r-${amina.id}`);
    expect(await read(undo.location!)).toContain('Amina Test : présence retirée.');
    expect(await rows('select * from attendance where registration_id = ?', [amina.id])).toEqual([]);
  });

  it('adds a walk-in sent twice with one key once', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + HOUR });
    const door = `/formateur/sessions/${id}/presences`;
    const walkIn: [string, string][] = [
      ['intent', 'walk-in'],
      ['firstName', 'Malik'],
      ['lastName', 'Nouveau'],
      ['adults', '1'],
      ['key', 'walk-in-key-01'],
    ];
    const first = await post(door, walkIn);
    const again = await post(door, walkIn);
    expect(again.location).toBe(first.location);
    expect(await rows(`select count(*) as n from registrations where session_id = ? and last_name = 'Nouveau'`, [id])).toEqual([{ n: 1 }]);
  });

  it('takes a status and a key through the API', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + HOUR });
    const reg = await book(id, 'Nora');
    const put = (body: unknown) =>
      trainer.request('PUT', `/api/v1/registrations/${reg.id}/attendance`, {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const res = await put({ status: 'excused', key: 'api-key-000001' });
    expect(res.status, res.text).toBe(200);
    expect(res.json<{ attendance: unknown }>().attendance).toMatchObject({ present: false, mark: 'excused' });
    expect((await put({ status: 'nope' })).status).toBe(422);
  });

  it('closes the call after the session: the unmarked are absent and told the next dates, once', async () => {
    const ended = await createSession(portal.db, { startsAt: Date.now() - 3 * HOUR, durationMinutes: 120, title: 'Pronote pas à pas' });
    const next = await createSession(portal.db, { startsAt: Date.now() + 30 * 60_000, title: 'Pronote pas à pas' });
    const came = await seat(ended, 'Hugo', { phone: '+33611223344' });
    const missed = await seat(ended, 'Fatima', { email: 'fatima@example.test', phone: '+33611223355', language: 'ar' });
    const excused = await seat(ended, 'Leila', { phone: '+33611223366' });
    const door = `/formateur/sessions/${ended}/presences`;
    await post(door, [
      ['intent', 'mark'],
      ['registrationId', String(came)],
      ['status', 'present'],
    ]);
    await post(door, [
      ['intent', 'mark'],
      ['registrationId', String(excused)],
      ['status', 'excused'],
    ]);
    const close = await post(door, [['intent', 'close']]);
    expect(close.location).toBe(`${door}?absents=1`);
    expect(await read(close.location!)).toContain('1 personne notée absente.');
    expect(
      await rows(
        'select a.registration_id as id, a.status from attendance a join registrations r on r.id = a.registration_id where r.session_id = ? order by id',
        [ended],
      ),
    ).toEqual([
      { id: came, status: 'present' },
      { id: missed, status: 'absent' },
      { id: excused, status: 'excused' },
    ]);
    // The next dates of the workshop (of its track, soonest first) include the one planned.
    const told = () =>
      rows(
        `select registration_id as id, channel, language,
            exists (select 1 from json_each(payload, '$.nextDates') where json_extract(value, '$.id') = ?) as listed
          from outbox where kind = 'missed-you' order by channel`,
        [next],
      );
    expect(await told()).toEqual([
      { id: missed, channel: 'email', language: 'ar', listed: 1 },
      { id: missed, channel: 'sms', language: 'ar', listed: 1 },
    ]);
    // The hourly job finds nothing more to say.
    expect(await queueMissedYou(portal.db)).toBe(0);
    expect(await told()).toHaveLength(2);

    // The rate shows on the trainer home and in the week's report (by the workshop's track).
    expect(await read('/formateur')).toContain('Absences sans prévenir, 90 derniers jours');
    const report = await buildWeeklyReport(portal.db, isoWeekOf(utcToParisLocal(Date.now() - 3 * HOUR).date));
    expect(report.noShows?.overall.absent).toBe(1);
    expect(report.noShows?.byWorkshop[0]).toMatchObject({ label: "Suivre la scolarité avec l'espace numérique de l'école", absent: 1 });
  });
});

describe('a ticket the parent can keep', () => {
  it('shows the manage link as a QR code and sends it by SMS to the phone given', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 4 * DAY });
    const res = await post(`/formateur/sessions/${id}`, [
      ['intent', 'book'],
      ['firstName', 'Yasmine'],
      ['lastName', 'Kaci'],
      ['phone', '06 39 98 40 77'],
      ['adults', '1'],
      ['language', 'ar'],
      ['consent', 'on'],
    ]);
    expect(res.status).toBe(303);
    const page = await read(res.location!);
    expect(page).toMatch(/<figure class="qr"[^>]*>\s*<svg[^>]*viewBox/);
    expect(page).toContain('Le lien de son inscription lui est aussi envoyé par SMS au 06 39 98 40 77.');
    expect(
      await rows(
        `select channel, kind, language from outbox where registration_id = (select id from registrations where last_name = 'Kaci')`,
      ),
    ).toEqual([{ channel: 'sms', kind: 'confirmed', language: 'ar' }]);
    // Without the consent box, the message speaks to the trainer, not to the parent.
    const refused = await post(`/formateur/sessions/${id}`, [
      ['intent', 'book'],
      ['firstName', 'Omar'],
      ['lastName', 'Kaci'],
    ]);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Cochez cette case quand la personne a accepté');
    expect(refused.text).not.toContain('pour vous inscrire');
  });
});

describe('the session form', () => {
  const form = (over: Record<string, string>): [string, string][] => [
    ...Object.entries({
      intent: 'save',
      title: 'Premiers pas sur la tablette',
      audience: 'parent',
      date: '2027-05-11',
      time: '14:00',
      duration: '120',
      venueName: '',
      capacity: '10',
      weeks: '1',
      ...over,
    }),
    ['languages', 'fr'],
  ];
  const created = async (res: { location: string | null }) =>
    (await rows('select school_uai, venue_name from sessions where id = ?', [Number(res.location!.match(/sessions\/(\d+)/)![1])]))[0];

  it('takes a school typed by name, and remembers the place used last time at that school', async () => {
    const first = await post('/formateur/sessions/nouvelle', form({ schoolUai: 'belsunce', venueName: 'Salle polyvalente' }));
    expect(first.status, first.text.slice(0, 300)).toBe(303);
    expect(await created(first)).toEqual({ school_uai: '0130001A', venue_name: 'Salle polyvalente' });
    const again = await post('/formateur/sessions/nouvelle', form({ schoolUai: 'École élémentaire Belsunce', date: '2027-05-18' }));
    expect(await created(again)).toEqual({ school_uai: '0130001A', venue_name: 'Salle polyvalente' });
    const unknown = await post('/formateur/sessions/nouvelle', form({ schoolUai: 'Zzyzx' }));
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Aucune école ne correspond');
  });

  it('shows what each track trains for and how long it lasts', async () => {
    expect(await read('/formateur/sessions/nouvelle')).toContain("Suivre la scolarité avec l'espace numérique de l'école (Parents · 2 h)");
  });
});

describe('the trainer home', () => {
  it("puts today's sessions first with the door one tap away, lists what to watch as links, and pages the rest", async () => {
    const today = await createSession(portal.db, { startsAt: Date.now() + 5 * 60_000, title: 'Atelier de ce jour' });
    const full = await createSession(portal.db, { startsAt: Date.now() + 5 * DAY, capacity: 1, title: 'Atelier complet' });
    await book(full, 'Yasmine');
    await book(full, 'Omar');
    for (let i = 0; i < 22; i++) await createSession(portal.db, { startsAt: Date.now() + (10 + i) * DAY, title: `Atelier lointain ${i}` });
    const home = await read('/formateur');
    expect(home).toMatch(
      /<h2 id="jour-today"[^>]*>Aujourd'hui<\/h2>[\s\S]*Atelier de ce jour[\s\S]*href="\/formateur\/sessions\/\d+\/presences"/,
    );
    expect(home).toMatch(new RegExp(`<a href="/formateur/sessions/${full}"[^>]*>Atelier complet`));
    expect(home).toContain("complet, liste d'attente");
    expect(home).toContain('Page 1 sur 2');
    expect(home).not.toContain('Atelier lointain 21');
    const second = await read('/formateur?page=2');
    expect(second).toContain('Atelier lointain 21');
    const filtered = await read(`/formateur?statut=attention`);
    expect(filtered).toContain('Atelier complet');
    expect(filtered).not.toContain('Atelier lointain 3<');
    // Cancelled with a phone-only parent and no SMS set up: someone to call, in the list to watch.
    const untold = await createSession(portal.db, { startsAt: Date.now() + 6 * DAY, title: 'Atelier annulé à rappeler' });
    await book(untold, 'Karim');
    await post(`/formateur/sessions/${untold}/modifier`, [
      ['intent', 'cancel-session'],
      ['reason', 'Salle indisponible'],
    ]);
    expect(await read('/formateur')).toMatch(
      new RegExp(
        `<a href="/formateur/sessions/${untold}"[^>]*>Atelier annulé à rappeler[^<]*</a> — des personnes n'ont pas pu être prévenues`,
      ),
    );
    const space = await read('/espace');
    expect(space).toContain("Aujourd'hui");
    expect(space).toContain(`href="/formateur/sessions/${today}/presences"`);
  });
});

describe('signing out', () => {
  it("clears the door page's offline copy and queue from the phone, and the session cookie", async () => {
    const browser = await signedIn(portal.url, people.coordinator.email);
    const out = await browser.request('POST', '/logout', {
      body: new URLSearchParams(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('clear-site-data')).toBe('"cache", "storage"');
    expect(
      out.headers.getSetCookie().some((c) => c.startsWith('passerelle_session=;') || /passerelle_session=[^;]*;.*Max-Age=0/i.test(c)),
    ).toBe(true);
  });
});
