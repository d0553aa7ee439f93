// The weekly report that prepares the Drane–city meeting, against the built server and a real
// database file: the 4-week look-ahead against planned trainings, REP/REP+ figures from an
// imported directory file (and after parents' erasure), status changes with why, people not
// told, follow-ups carried until closed, and the report's French CSV and xlsx.
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { schoolsImport } from '../../scripts/commands/schools-import';
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import { isoWeekOf, previousIsoWeek } from '~/features/readiness/weekly-report/iso-week';
import { buildMeetingReport } from '~/features/readiness/weekly-report/meeting/meeting-report.server';
import { addFollowUp, closeFollowUp, followUpsOf } from '~/features/readiness/weekly-report/meeting/sections/follow-ups.server';
import { publishWeeklyReport } from '~/features/readiness/weekly-report/weekly-report-job.server';
import { erasePersonalData } from '~/features/privacy/personal-data.server';
import { SYSTEM } from '~/features/audit/audit.server';
import { parseCsv } from '~/platform/text/csv';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const DIRECTORY = fileURLToPath(new URL('../fixtures/annuaire-education-sample.csv', import.meta.url));
const today = utcToParisLocal(Date.now()).date;
const week = isoWeekOf(today);
const at = (date: string, time = '10:00') => parisLocalToUtc(date, time)!;
let people: Accounts;
let drane: Client;
let plannedTraining: number;

async function sql(statement: string, args: (string | number | null)[] = []) {
  return (await portal.db.$client.execute({ sql: statement, args })).rows;
}

async function teacherAt(uai: string, email: string) {
  const [row] = await sql(
    `insert into users (email, name, role, school_uai, active, email_verified_at) values (?, ?, 'teacher', ?, 1, 1) returning id`,
    [email, email, uai],
  );
  return Number(row!.id);
}

async function attended(sessionId: number, who: { userId?: number; phone?: string }, code: string) {
  const [row] = await sql(
    `insert into registrations (session_id, status, first_name, last_name, phone, user_id, code) values (?, 'confirmed', 'Amina', 'Benali', ?, ?, ?) returning id`,
    [sessionId, who.phone ?? null, who.userId ?? null, code],
  );
  await sql('insert into attendance (registration_id, present) values (?, 1)', [Number(row!.id)]);
  return Number(row!.id);
}

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await schoolsImport.run(db, { commune: 'Marseille' }, [DIRECTORY])).toBe(0);
    vi.restoreAllMocks();
  },
});

beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
  // Saint-Charles 1 (REP+): a display due in 10 days, a display training planned at the school.
  // Bouge (REP): tablets due in 20 days, no training for tablets anywhere.
  // Belsunce: a display due in 60 days (past the look-ahead); Castellane: delivered last month.
  await sql(`insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values ('0131512Y', 'interactive-display', 9, ?)`, [
    addDays(today, 10),
  ]);
  await sql(`insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values ('0132204A', 'tablet', 24, ?)`, [
    addDays(today, 20),
  ]);
  await sql(`insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values ('0130001A', 'interactive-display', 4, ?)`, [
    addDays(today, 60),
  ]);
  await sql(
    `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on) values ('0130003C', 'interactive-display', 6, ?, ?)`,
    [addDays(today, -40), addDays(today, -30)],
  );
  plannedTraining = await createSession(portal.db, {
    audience: 'teacher',
    schoolUai: '0131512Y',
    startsAt: at(addDays(today, 14), '14:00'),
  });
  // A REP+ teacher trained long ago; two parents came to a workshop at the REP school.
  const teacher = await teacherAt('0131512Y', 'lea@ac-aix-marseille.fr');
  await attended(await createSession(portal.db, { audience: 'teacher', startsAt: Date.now() - 200 * DAY }), { userId: teacher }, 'T1');
  const workshop = await createSession(portal.db, { schoolUai: '0132204A', startsAt: Date.now() - 3 * DAY });
  await attended(workshop, { phone: '+33611223344' }, 'P1');
  await attended(workshop, { phone: '+33655667788' }, 'P2');
});

describe('the look-ahead', () => {
  it('sets every delivery of the next 4 weeks against the trainings planned for that school and kind', async () => {
    const res = await drane.get(`/api/v1/reports/weekly/${week}`);
    expect(res.status).toBe(200);
    const report = res.json<{
      upcomingDeliveries: Record<string, unknown>[];
      lookAhead: { nonePlanned: number; from: string; to: string };
    }>();
    const byUai = new Map(report.upcomingDeliveries.map((d) => [d.uai, d]));
    expect([...byUai.keys()].sort()).toEqual(['0131512Y', '0132204A']);
    expect(byUai.get('0131512Y')).toMatchObject({
      school: 'École élémentaire Saint-Charles 1',
      kind: 'interactive-display',
      quantity: 9,
      dueOn: addDays(today, 10),
      priorityEducation: 'REP+',
      plannedTrainings: [{ sessionId: plannedTraining, atSchool: true }],
    });
    expect(byUai.get('0132204A')).toMatchObject({ kind: 'tablet', quantity: 24, dueOn: addDays(today, 20), plannedTrainings: [] });
    expect(report.lookAhead.nonePlanned).toBe(1);
    expect(report.lookAhead.to).toBe(addDays(report.lookAhead.from, 34));
  });

  it('says "none planned" loudly on the printable page', async () => {
    const page = await drane.get(`/drane/rapports/${week}/reunion`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('AUCUNE FORMATION PRÉVUE');
    expect(page.text).toMatch(/<title>Réunion Drane–Ville : rapport de la semaine \d{4}-W\d{2} · Passerelle<\/title>/);
  });
});

describe('priority education', () => {
  it('keeps REP and REP+ from the directory import, in the readiness API too', async () => {
    const { schools } = (await drane.get('/api/v1/readiness')).json<{ schools: { uai: string; priorityEducation: string | null }[] }>();
    const of = (uai: string) => schools.find((s) => s.uai === uai)?.priorityEducation;
    expect([of('0131512Y'), of('0134120H'), of('0132204A'), of('0131361J'), of('0130001A')]).toEqual(['REP+', 'REP+', 'REP', null, null]);
  });

  it('counts teachers trained and parents reached per REP+, REP and other schools, and keeps the counts after erasure', async () => {
    const figures = async () => (await buildMeetingReport(portal.db, week)).priorityEducation;
    const before = await figures();
    expect(before['REP+']).toMatchObject({ schools: 4, teachersTrained: 1, parentsTrained: 0 });
    expect(before.REP).toMatchObject({ schools: 1, teachersTrained: 0, parentsTrained: 2 });
    expect(before.none).toMatchObject({ schools: 6, teachersTrained: 0, parentsTrained: 0 });
    await erasePersonalData(portal.db, { kind: 'phone', value: '+33611223344' }, SYSTEM);
    const [erased] = await sql(`select count(*) as n from registrations where code = 'P1' and phone is null and erased_at is not null`);
    expect(Number(erased!.n)).toBe(1);
    expect(await figures()).toEqual(before);
  });
});

describe('what changed since last week', () => {
  it('lists schools whose status changed, with why, against the archived report of last week', async () => {
    await publishWeeklyReport(portal.db, previousIsoWeek(week));
    await sql(`insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values ('0133958G', 'classroom-computer', 12, ?)`, [
      addDays(today, 5),
    ]);
    const { statusChanges } = await buildMeetingReport(portal.db, week);
    expect(statusChanges).toMatchObject({ since: previousIsoWeek(week), archived: true });
    expect(statusChanges.changes.find((c) => c.uai === '0133958G')).toMatchObject({
      from: 'no-equipment',
      to: 'at-risk',
      why: [{ reason: 'due', kind: 'classroom-computer', quantity: 12, on: addDays(today, 5) }],
    });
  });

  it('lists the people a change could not reach, without their phone number', async () => {
    const session = await createSession(portal.db, { startsAt: Date.now() + 2 * DAY });
    const [reg] = await sql(
      `insert into registrations (session_id, status, first_name, last_name, code, created_by) values (?, 'confirmed', 'Karim', 'Haddad', 'NC1', ?) returning id`,
      [session, people.trainer.id],
    );
    await sql(`insert into notices (op, kind, registration_id, session_id) values ('op-test', 'session-updated', ?, ?)`, [
      Number(reg!.id),
      session,
    ]);
    const { notTold } = await buildMeetingReport(portal.db, week);
    expect(notTold.people).toEqual([
      expect.objectContaining({ sessionId: session, person: 'Karim H.', reason: 'no-contact', change: 'session-updated', calledAt: null }),
    ]);
    expect(notTold.byReason).toEqual({ 'no-contact': 1 });
  });
});

describe('follow-ups', () => {
  it('are carried from week to week until closed', async () => {
    const next = isoWeekOf(addDays(today, 7));
    const later = isoWeekOf(addDays(today, 14));
    const id = await addFollowUp(portal.db, SYSTEM, week, {
      what: 'Planifier une formation tablettes à Bouge',
      who: 'Drane',
      dueOn: addDays(today, 10),
    });
    expect((await followUpsOf(portal.db, week, today)).map((f) => f.id)).toEqual([id]);
    expect(await followUpsOf(portal.db, next, today)).toMatchObject([{ id, closedIn: null }]);
    expect(await closeFollowUp(portal.db, SYSTEM, id, next)).toBe(true);
    expect(await closeFollowUp(portal.db, SYSTEM, id, next)).toBe(false);
    expect(await followUpsOf(portal.db, next, today)).toMatchObject([{ id, closedIn: next }]);
    expect(await followUpsOf(portal.db, later, today)).toEqual([]);
  });

  it('are written from the meeting page, with field errors', async () => {
    const bad = await drane.postForm(`/drane/rapports/${week}/reunion`, { intent: 'add', what: '', dueOn: '31/02/2027' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Dites ce qu&#39;il faut faire');
    expect(bad.text).toContain('Indiquez une date au format JJ/MM/AAAA.');
    const ok = await drane.postForm(`/drane/rapports/${week}/reunion`, {
      intent: 'add',
      what: 'Appeler la direction de Bouge',
      who: 'Ville',
      dueOn: '',
    });
    expect(ok.status).toBe(303);
    expect(
      (await drane.get(`/api/v1/reports/weekly/${week}`)).json<{ followUps: { what: string }[] }>().followUps.map((f) => f.what),
    ).toContain('Appeler la direction de Bouge');
  });
});

describe('exports', () => {
  it("gives the report's tables as a French CSV: headers and words in French, ';', a BOM, shares as \"45 %\"", async () => {
    const res = await drane.get(`/api/v1/reports/weekly/${week}?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="rapport-hebdomadaire-${week}.csv"`);
    expect(res.text.startsWith('Chiffres\r\nIndicateur;Cette semaine;Depuis la rentrée (')).toBe(true);
    // fetch's text() drops the BOM: read the bytes.
    const cookie = [...drane.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const raw = new Uint8Array(
      await (await fetch(new URL(`/api/v1/reports/weekly/${week}?format=csv`, portal.url), { headers: { Cookie: cookie } })).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.text, ';').map((r) => r.fields);
    const after = (title: string) => rows[rows.findIndex((r) => r[0] === title) + 1];
    expect(after('Livraisons à venir')).toEqual([
      'UAI',
      'École',
      'Arrondissement',
      'Éducation prioritaire',
      'Équipement',
      'Quantité',
      'Livraison prévue le',
      'Enseignants',
      'Enseignants formés',
      'Formations prévues',
    ]);
    expect(rows.find((r) => r[0] === '0132204A')).toEqual([
      '0132204A',
      'École primaire Bouge',
      '13e',
      'REP',
      'Tablettes',
      '24',
      addDays(today, 20).split('-').reverse().join('/'),
      '0',
      '0',
      'AUCUNE FORMATION PRÉVUE',
    ]);
    expect(after('Éducation prioritaire')).toEqual([
      'Écoles',
      "Nombre d'écoles",
      'Enseignants',
      'Enseignants formés',
      'Élèves',
      'Parents venus',
      'À risque',
      'Prêtes',
    ]);
    expect(after('Évolution')?.slice(0, 2)).toEqual(['Semaine', 'Ville']);
    expect(rows.some((r) => r.some((cell) => /^\d{1,3}\u202f%$/.test(cell)))).toBe(true);
  });

  it('gives the report and readiness as .xlsx workbooks, and readiness as a French CSV beside the API one', async () => {
    const cookie = [...drane.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const book = async (path: string) => {
      const res = await fetch(new URL(path, portal.url), { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      return wb;
    };
    const report = await book(`/api/v1/reports/weekly/${week}?format=xlsx`);
    expect(report.worksheets.map((w) => w.name).slice(0, 6)).toEqual([
      'Chiffres',
      'Livraisons à venir',
      'Changements de statut',
      'Non prévenus',
      'Suivis',
      'Éducation prioritaire',
    ]);
    const readiness = (await book('/drane/export/preparation.xlsx?ep=REP%2B')).worksheets[0]!;
    expect(readiness.getRow(1).getCell(7).value).toBe('Statut');
    const statuses = new Set<unknown>();
    readiness.eachRow((row, n) => void (n > 1 && statuses.add(row.getCell(4).value)));
    expect([...statuses]).toEqual(['REP+']);
    const csv = await drane.get('/drane/export/preparation.csv?arrondissement=1');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      "UAI;École;Arrondissement;Éducation prioritaire;Enseignants;Élèves;Statut;Préparation de l'école;Parents venus (part des élèves);Équipement;Quantité;Prévu le;Livré le;Enseignants formés;Préparation pour cet équipement;Compte pour le statut",
    );
    expect(lines.find((l) => l.startsWith('0131512Y'))).toBe(
      `0131512Y;École élémentaire Saint-Charles 1;1er;REP+;0;231;Prête;100\u202f%;0\u202f%;Écrans interactifs;9;${addDays(today, 10).split('-').reverse().join('/')};;1;100\u202f%;Oui`,
    );
  });

  it('is for Drane, city staff and admins, and refuses a week that does not exist', async () => {
    expect((await new Client(portal.url).get(`/api/v1/reports/weekly/${week}`)).status).toBe(401);
    expect((await (await signedIn(portal.url, people.teacher.email)).get(`/api/v1/reports/weekly/${week}`)).status).toBe(403);
    expect((await (await signedIn(portal.url, people.city.email)).get(`/api/v1/reports/weekly/${week}?format=csv`)).status).toBe(200);
    const bad = await drane.get('/api/v1/reports/weekly/2026-W54?format=pdf');
    expect(bad.status).toBe(422);
    expect(bad.json()).toEqual({
      error: 'Paramètres invalides.',
      errors: { isoWeek: 'Indiquez une semaine ISO, par exemple 2026-W49.', format: 'Le format doit être json, csv ou xlsx.' },
    });
  });
});
