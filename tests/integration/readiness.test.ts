// Readiness from real rows: attendance, tracks, rollouts and school headcounts.
import { beforeAll, describe, expect, it } from 'vitest';
import { readinessBySchool, readinessCsv, readinessJson } from '~/features/readiness/readiness.server';
import { testCity } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const now = Date.UTC(2026, 10, 29, 12);

async function teacher(email: string, school: string) {
  const rs = await city.db.$client.execute({
    sql: `insert into users (email, name, role, school_uai, email_verified_at) values (?, ?, 'teacher', ?, 1) returning id`,
    args: [email, email, school],
  });
  return Number(rs.rows[0]!.id);
}

async function attended(userId: number, sessionId: number, present: boolean) {
  const rs = await city.db.$client.execute({
    sql: `insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
        values (?, 'confirmed', 'T', 'T', ?, ?, ?) returning id`,
    args: [sessionId, `u${userId}-${sessionId}@ac-aix-marseille.fr`, userId, `C${userId}S${sessionId}`.slice(0, 6).padEnd(6, 'X') + userId],
  });
  await city.db.$client.execute({
    sql: 'insert into attendance (registration_id, present) values (?, ?)',
    args: [Number(rs.rows[0]!.id), present ? 1 : 0],
  });
}

const city = testCity();

beforeAll(async () => {
  // Belsunce (12 teachers): displays delivered. Panier (6): displays due in 10 days. Castellane: nothing.
  await city.db.$client.batch(
    [
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
          values ('0130001A', 'interactive-display', 10, '2026-01-10', '2026-02-01')`,
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
          values ('0130002B', 'interactive-display', 5, '2026-12-09', null)`,
    ],
    'write',
  );
  const pastDisplay = await createSession(city.db, { audience: 'teacher', startsAt: now - 60 * DAY });
  const parentPast = await createSession(city.db, { startsAt: now - 30 * DAY });
  const belsunce = await Promise.all(Array.from({ length: 8 }, (_, i) => teacher(`b${i}@ac-aix-marseille.fr`, '0130001A')));
  for (const [i, id] of belsunce.entries()) await attended(id, pastDisplay, i < 7); // 7 present, 1 absent
  const panier = await Promise.all(Array.from({ length: 2 }, (_, i) => teacher(`p${i}@ac-aix-marseille.fr`, '0130002B')));
  for (const id of panier) await attended(id, pastDisplay, true); // trained before their delivery
  // Three parents came (one twice: counted once), one registered but absent.
  for (const [i, phone] of ['+33600000001', '+33600000002', '+33600000003', '+33600000001', '+33600000009'].entries()) {
    const rs = await city.db.$client.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, phone, child_school_uai, code)
          values (?, 'confirmed', 'P', 'P', ?, '0130001A', ?) returning id`,
      args: [i === 3 ? await createSession(city.db, { startsAt: now - 20 * DAY }) : parentPast, phone, `PARNT${i}`],
    });
    await city.db.$client.execute({
      sql: 'insert into attendance (registration_id, present) values (?, ?)',
      args: [Number(rs.rows[0]!.id), i === 4 ? 0 : 1],
    });
  }
});

describe('readiness by school', () => {
  it('counts present teachers only, against the school headcount', async () => {
    const [b] = await readinessBySchool(city.db, { uai: '0130001A' }, now);
    expect(b!.equipment[0]).toMatchObject({ kind: 'interactive-display', trainedTeachers: 7 });
    expect(b!.readiness).toBeCloseTo(7 / 12);
    expect(b!.status).toBe('in-progress');
  });
  it('a school whose displays are due soon is at risk when too few are trained', async () => {
    const [p] = await readinessBySchool(city.db, { uai: '0130002B' }, now);
    expect(p!.equipment[0]!.trainedTeachers).toBe(2);
    expect(p!.status).toBe('at-risk');
  });
  it('a school with nothing planned has no equipment', async () => {
    const [c] = await readinessBySchool(city.db, { uai: '0130003C' }, now);
    expect(c!.status).toBe('no-equipment');
  });
  it('parent reach counts distinct parents who came', async () => {
    const [b] = await readinessBySchool(city.db, { uai: '0130001A' }, now);
    expect(b!.parents).toBe(3);
    expect(b!.parentReach).toBeCloseTo(3 / 240);
  });
  it('filters by arrondissement and answers the API shape', async () => {
    const list = await readinessBySchool(city.db, { arrondissement: 2 }, now);
    expect(list.map((s) => s.uai)).toEqual(['0130002B']);
    expect(readinessJson(list[0]!)).toEqual({
      uai: '0130002B',
      name: 'École maternelle du Panier',
      arrondissement: 2,
      teachers: 6,
      pupils: 120,
      status: 'at-risk',
      readiness: 0.333,
      parentReach: 0,
      priorityEducation: null,
      equipment: [
        { kind: 'interactive-display', quantity: 5, plannedOn: '2026-12-09', deliveredOn: null, trainedTeachers: 2, readiness: 0.333 },
      ],
    });
  });
  it('exports one CSV row per school and kind', async () => {
    const csv = readinessCsv(await readinessBySchool(city.db, {}, now));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]!.split(';')).toContain('kind_readiness');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith('0130003C'))).toContain(';no-equipment;');
  });
});
