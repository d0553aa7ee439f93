// GET /api/v1/readiness (JSON as DESIGN.md says, and CSV), GET /api/v1/tracks, over HTTP
// against the built server: who may read them, filters, bad parameters, the export's audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let drane: Client;

async function present(userId: number, sessionId: number, code: string) {
  const rs = await portal.db.$client.execute({
    sql: `insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
        values (?, 'confirmed', 'T', 'T', ?, ?, ?) returning id`,
    args: [sessionId, `${code}@ac-aix-marseille.fr`, userId, code],
  });
  await portal.db.$client.execute({
    sql: 'insert into attendance (registration_id, present) values (?, 1)',
    args: [Number(rs.rows[0]!.id)],
  });
}

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    await db.$client.batch(
      [
        `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
            values ('0130001A', 'interactive-display', 10, '2025-01-10', '2025-02-01')`,
        `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
            values ('0130001A', 'tablet', 16, '2099-01-10', null)`,
      ],
      'write',
    );
    // The teacher persona (Belsunce) attended a display training.
    await present(people.teacher.id, await createSession(db, { audience: 'teacher', startsAt: Date.now() - 30 * DAY }), 'TRAIN1');
  },
});

beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
});

describe('GET /api/v1/readiness', () => {
  it('answers the shape of DESIGN.md, one school per row', async () => {
    const res = await drane.get('/api/v1/readiness');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const { schools } = res.json<{ schools: Record<string, unknown>[] }>();
    expect(schools.map((s) => s.uai)).toEqual(['0130001A', '0130002B', '0130003C']);
    expect(schools[0]).toEqual({
      uai: '0130001A',
      name: 'École élémentaire Belsunce',
      arrondissement: 1,
      teachers: 12,
      pupils: 240,
      status: 'at-risk',
      readiness: 0.083,
      parentReach: 0,
      priorityEducation: null,
      equipment: [
        {
          kind: 'interactive-display',
          quantity: 10,
          plannedOn: '2025-01-10',
          deliveredOn: '2025-02-01',
          trainedTeachers: 1,
          readiness: 0.083,
        },
        { kind: 'tablet', quantity: 16, plannedOn: '2099-01-10', deliveredOn: null, trainedTeachers: 0, readiness: 0 },
      ],
    });
    expect(schools[2]).toMatchObject({ uai: '0130003C', status: 'no-equipment', equipment: [] });
  });

  it('filters by arrondissement, and refuses one that does not exist', async () => {
    const res = await drane.get('/api/v1/readiness?arrondissement=6');
    expect(res.json<{ schools: { uai: string }[] }>().schools.map((s) => s.uai)).toEqual(['0130003C']);
    const bad = await drane.get('/api/v1/readiness?arrondissement=17&format=pdf');
    expect(bad.status).toBe(422);
    expect(bad.json()).toEqual({
      error: 'Paramètres invalides.',
      errors: { arrondissement: 'Indiquez un arrondissement de 1 à 16.', format: 'Le format doit être json ou csv.' },
    });
  });

  it('exports CSV, one row per school and kind, and notes who exported it', async () => {
    const city = await signedIn(portal.url, people.city.email);
    const res = await city.get('/api/v1/readiness?format=csv&arrondissement=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="preparation-ecoles-1e-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'uai;name;arrondissement;teachers;pupils;status;school_readiness;parent_reach;kind;quantity;planned_on;delivered_on;trained_teachers;kind_readiness',
      '0130001A;École élémentaire Belsunce;1;12;240;at-risk;0.083;0;interactive-display;10;2025-01-10;2025-02-01;1;0.083',
      '0130001A;École élémentaire Belsunce;1;12;240;at-risk;0.083;0;tablet;16;2099-01-10;;0;0',
    ]);
    const audit = await portal.db.$client.execute(
      `select actor_user_id, subject_id, details from audit_log where action = 'readiness.exported'`,
    );
    expect(audit.rows.map((r) => [Number(r.actor_user_id), r.subject_id, JSON.parse(String(r.details))])).toEqual([
      [people.city.id, '1', { format: 'csv', schools: 1 }],
    ]);
  });

  it('is for Drane, city staff and admins only', async () => {
    expect((await new Client(portal.url).get('/api/v1/readiness')).status).toBe(401);
    expect((await new Client(portal.url).get('/api/v1/readiness?format=csv')).status).toBe(401);
    for (const who of ['teacher', 'trainer', 'drane-trainer'] as const) {
      const res = await (await signedIn(portal.url, people[who].email)).get('/api/v1/readiness?format=csv');
      expect(res.status, who).toBe(403);
      expect(res.json()).toHaveProperty('error');
    }
    expect((await (await signedIn(portal.url, people.admin.email)).get('/api/v1/readiness')).status).toBe(200);
    const exports = await portal.db.$client.execute(`select count(*) as n from audit_log where action = 'readiness.exported'`);
    expect(Number(exports.rows[0]!.n)).toBe(1);
  });
});

describe('GET /api/v1/tracks', () => {
  it('lists every track with the equipment kinds it trains for, to anyone', async () => {
    const res = await new Client(portal.url).get('/api/v1/tracks');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      tracks: [
        {
          id: 1,
          title: "Suivre la scolarité avec l'espace numérique de l'école",
          audience: 'parent',
          organisation: 'ligue',
          equipmentKinds: [],
        },
        {
          id: 2,
          title: "Prendre en main l'écran interactif",
          audience: 'teacher',
          organisation: 'drane',
          equipmentKinds: ['interactive-display'],
        },
      ],
    });
  });
});
