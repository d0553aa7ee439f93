// Issue 14, findings 5 and 6: an organisation publishes only for the audience it trains, and a
// trainer reads the attendees of the sessions they run, while the organisation's coordinator
// reads all of the organisation's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

let people: Accounts;
let ligue: Client;
let draneTrainer: Client;
let coordinator: Client;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  ligue = await signedIn(portal.url, people.trainer.email);
  draneTrainer = await signedIn(portal.url, people['drane-trainer'].email);
  coordinator = await signedIn(portal.url, people.coordinator.email);
});

const body = (audience: 'parent' | 'teacher') => ({
  title: 'Premiers pas sur la tablette',
  audience,
  startsAt: '2027-03-16T14:00:00+01:00',
  endsAt: '2027-03-16T16:00:00+01:00',
  venueName: 'Centre social Belsunce',
  capacity: 12,
});

const form = (audience: string) =>
  new URLSearchParams([
    ...Object.entries({
      intent: 'save',
      title: 'Premiers pas sur la tablette',
      audience,
      date: '2027-03-16',
      time: '14:00',
      duration: '120',
      venueName: 'Centre social Belsunce',
      capacity: '10',
      weeks: '1',
    }),
    ['languages', 'fr'],
  ]);

const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe("an organisation's audience (finding 5)", () => {
  it('refuses a Ligue teacher training and a Drane parent workshop with 403 and a clear message', async () => {
    const ligueTeachers = await ligue.postJson('/api/v1/sessions', body('teacher'));
    expect(ligueTeachers.status).toBe(403);
    expect(ligueTeachers.json<{ error: string }>().error).toBe(
      'Votre organisme forme les parents : il ne peut pas publier une formation pour les enseignants.',
    );
    const coordinatorTeachers = await coordinator.postJson('/api/v1/sessions', body('teacher'));
    expect(coordinatorTeachers.status).toBe(403);
    const draneParents = await draneTrainer.postJson('/api/v1/sessions', body('parent'));
    expect(draneParents.status).toBe(403);
    expect(draneParents.json<{ error: string }>().error).toContain('forme les enseignants');
    expect(await portal.db.$client.execute(`select id from sessions where title = 'Premiers pas sur la tablette'`)).toMatchObject({
      rows: [],
    });
    // Each for its own audience still works.
    expect((await ligue.postJson('/api/v1/sessions', body('parent'))).status).toBe(201);
    expect((await draneTrainer.postJson('/api/v1/sessions', body('teacher'))).status).toBe(201);
  });

  it('says so on the planning form', async () => {
    const res = await ligue.request('POST', '/formateur/sessions/nouvelle', {
      body: form('teacher'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).not.toBe(303);
    expect(unescape(res.text)).toContain('Votre organisme forme les parents');
  });
});

describe('rosters and the coordinator (finding 6)', () => {
  it('lets a trainer read only the rosters of the sessions they run; the coordinator reads every Ligue roster', async () => {
    const mine = await createSession(portal.db, { title: 'Atelier de Nadia' });
    const colleagues = await createSession(portal.db, { title: 'Atelier d’une collègue', trainerId: null });
    const booked = await new Client(portal.url).postJson(`/api/v1/sessions/${colleagues}/registrations`, {
      firstName: 'Amina',
      lastName: 'Benali',
      phone: '0612345678',
      consent: true,
    });
    expect(booked.status).toBe(201);

    expect((await ligue.get(`/api/v1/sessions/${mine}/registrations`)).status).toBe(200);
    const refused = await ligue.get(`/api/v1/sessions/${colleagues}/registrations`);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('+33612345678');
    const roster = await coordinator.get(`/api/v1/sessions/${colleagues}/registrations`);
    expect(roster.status).toBe(200);
    expect(roster.text).toContain('+33612345678');
    // The roster read is audited, as every export of personal data.
    const audited = await portal.db.$client.execute({
      sql: `select count(*) as n from audit_log where actor_user_id = ? and subject_id = ?`,
      args: [people.coordinator.id, String(colleagues)],
    });
    expect(Number(audited.rows[0]!.n)).toBeGreaterThan(0);

    // Their lists: the trainer's own sessions; the coordinator's, all of the Ligue's.
    const trainerList = unescape((await ligue.get('/formateur')).text);
    expect(trainerList).toContain('Atelier de Nadia');
    expect(trainerList).not.toContain('Atelier d’une collègue');
    const coordinatorList = unescape((await coordinator.get('/formateur')).text);
    expect(coordinatorList).toContain('Atelier de Nadia');
    expect(coordinatorList).toContain('Atelier d’une collègue');
  });

  it('creates a coordinator from the command line, who must belong to a training body', async () => {
    const run = promisify(execFile);
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'user:create', ...args], {
        env: { ...process.env, DATABASE_URL: portal.databaseUrl },
      });
    const person = ['--email', 'coord.cli@ligue13.test', '--name', 'Coralie CLI', '--password', 'une longue phrase secrète'];
    const { stdout } = await cli(['--role', 'coordinator', ...person, '--org', 'ligue']);
    expect(stdout).toMatch(/Created coordinator #\d+ coord\.cli@ligue13\.test/);
    const failed = await cli(['--role', 'coordinator', ...person.map((p) => p.replace('coord.cli', 'coord.two'))]).catch(
      (e: { code: number }) => e,
    );
    expect('code' in failed && failed.code).toBe(1);
    // Two CLI starts (tsx compiles the scripts) on a busy machine.
  }, 120_000);
});
