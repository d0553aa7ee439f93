// The Marseille demo city: realistic totals, sessions people can book, bookings that keep the
// booking rules, readiness with a mix of statuses, one account per role, and the same city
// every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import { schoolReadiness, type Rollout } from '~/features/readiness/readiness';
import { DEMO_PASSWORD } from '~/demo/accounts';
import { demoLogins, seedDemoData } from '~/demo/seed';
import { passwordProblem, verifyPasswordHash } from '~/features/auth/password.server';
import { createTestDb, type TestDb } from '../helpers/db';

const DAY = 86_400_000;
// A Monday in term time; fixed so the test reads the same city on every run.
const NOW = Date.UTC(2026, 10, 30, 8, 0);
const today = utcToParisLocal(NOW).date;

let t: TestDb;
let seedMs = 0;
type Row = Record<string, unknown>;
const all = async (sql: string, args: (string | number)[] = [], db = t): Promise<Row[]> =>
  (await db.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));
const one = async (sql: string, args: (string | number)[] = []) => Object.values((await all(sql, args))[0]!)[0];

beforeAll(async () => {
  t = await createTestDb();
  const start = performance.now();
  await seedDemoData(t.db, NOW);
  seedMs = performance.now() - start;
});

afterAll(() => t.close());

describe('schools', () => {
  it('has about 470 schools over the 16 arrondissements, in realistic kinds', async () => {
    const kinds = Object.fromEntries((await all('select kind, count(*) n from schools group by kind')).map((r) => [r.kind, Number(r.n)]));
    const total = kinds.nursery! + kinds.elementary! + kinds.primary!;
    expect(total).toBeGreaterThanOrEqual(440);
    expect(total).toBeLessThanOrEqual(500);
    expect(kinds.nursery! / total).toBeGreaterThan(0.3);
    expect(kinds.elementary! / total).toBeGreaterThan(0.3);
    expect(kinds.primary! / total).toBeGreaterThan(0.1);
    expect((await all('select distinct arrondissement from schools order by 1')).map((r) => r.arrondissement)).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
  });

  it('has about 3,300 classes, 78,000 pupils and a teacher per class and more', async () => {
    const [totals] = await all('select sum(classes) classes, sum(pupils) pupils, sum(teachers < classes + 1) short from schools');
    expect(Number(totals!.classes)).toBeGreaterThanOrEqual(3000);
    expect(Number(totals!.classes)).toBeLessThanOrEqual(3600);
    expect(Number(totals!.pupils)).toBeGreaterThanOrEqual(70_000);
    expect(Number(totals!.pupils)).toBeLessThanOrEqual(86_000);
    expect(Number(totals!.short)).toBe(0);
  });

  it('gives each school a UAI, a unique name, an address and a place in its arrondissement', async () => {
    const schools = await all('select * from schools');
    for (const s of schools) {
      expect(s.uai).toMatch(/^0130\d{3}[A-Z]$/);
      expect(s.postcode).toBe(`130${String(s.arrondissement).padStart(2, '0')}`);
      expect(s.address).toMatch(/^\d+ \S/);
      expect(s.name).toMatch(/^École (maternelle|élémentaire|primaire) \S/);
      expect(Number(s.latitude)).toBeGreaterThan(43.2);
      expect(Number(s.latitude)).toBeLessThan(43.39);
      expect(Number(s.longitude)).toBeGreaterThan(5.29);
      expect(Number(s.longitude)).toBeLessThan(5.52);
    }
    expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
    // The northern arrondissements sit north of the southern ones.
    const lat = async (n: number) => Number(await one('select avg(latitude) from schools where arrondissement = ?', [n]));
    expect(await lat(15)).toBeGreaterThan(await lat(8));
  });
});

describe('equipment rollouts', () => {
  it('has about 5,000 Macs and 6,000 iPads', async () => {
    const qty = async (kind: string) => Number(await one('select sum(quantity) from equipment_rollouts where kind = ?', [kind]));
    expect(Math.abs((await qty('classroom-computer')) - 5000)).toBeLessThanOrEqual(750);
    expect(Math.abs((await qty('tablet')) - 6000)).toBeLessThanOrEqual(900);
  });

  it('puts a display and a computer in every elementary class and every nursery school equipped', async () => {
    const rows = await all(`select s.kind, s.classes, d.quantity displays, c.quantity computers from schools s
      join equipment_rollouts d on d.school_uai = s.uai and d.kind = 'interactive-display'
      join equipment_rollouts c on c.school_uai = s.uai and c.kind = 'classroom-computer'`);
    expect(rows.length).toBeGreaterThan(400);
    for (const r of rows) {
      const minimum = r.kind === 'elementary' ? Number(r.classes) : 1;
      expect(Number(r.displays)).toBeGreaterThanOrEqual(minimum);
      expect(Number(r.computers)).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('was delivered over the past two years and is planned over the next six months', async () => {
    const [r] = await all(`select min(delivered_on) first, max(delivered_on) last, max(planned_on) planned,
      sum(delivered_on is null) pending, sum(delivered_on is not null) delivered,
      min(case when delivered_on is null then planned_on end) next from equipment_rollouts`);
    expect(String(r!.first) >= utcToParisLocal(NOW - 731 * DAY).date).toBe(true);
    expect(String(r!.last) <= today).toBe(true);
    expect(String(r!.planned) <= utcToParisLocal(NOW + 184 * DAY).date).toBe(true);
    expect(String(r!.next) > today).toBe(true);
    expect(Number(r!.pending)).toBeGreaterThan(50);
    expect(Number(r!.delivered)).toBeGreaterThan(Number(r!.pending));
  });
});

describe('upcoming sessions', () => {
  const upcoming = () =>
    all(
      `select s.*, o.slug org, t.equipment_kinds kinds,
        (select coalesce(sum(adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed') seats,
        (select count(*) from registrations r where r.session_id = s.id and r.status = 'waitlisted') waiting
      from sessions s join organisations o on o.id = s.organisation_id join tracks t on t.id = s.track_id
      where s.status = 'scheduled' and s.starts_at > ? and s.starts_at < ?`,
      [NOW, NOW + 56 * DAY],
    );

  it('offers at least 60 sessions in the next 8 weeks, parents by the Ligue, teachers by the Drane', async () => {
    const sessions = await upcoming();
    expect(sessions.length).toBeGreaterThanOrEqual(60);
    expect(sessions.filter((s) => s.audience === 'parent').every((s) => s.org === 'ligue')).toBe(true);
    expect(sessions.filter((s) => s.audience === 'teacher').every((s) => s.org === 'drane' && s.kinds !== '[]')).toBe(true);
    // Across the city: schools of most arrondissements host one.
    const schools = new Set(sessions.map((s) => s.school_uai).filter(Boolean));
    const arrondissements = await all(`select distinct arrondissement from schools where uai in (select value from json_each(?))`, [
      JSON.stringify([...schools]),
    ]);
    expect(arrondissements.length).toBeGreaterThanOrEqual(10);
  });

  it('holds them on weekdays, in Paris daytime', async () => {
    for (const s of await upcoming()) {
      const { date, time } = utcToParisLocal(Number(s.starts_at));
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      expect(weekday, `${date} ${time}`).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      expect(time >= '08:30' && time <= '17:30', `${date} ${time}`).toBe(true);
    }
  });

  it('includes Arabic, an interpreter, childcare, and nearly full sessions', async () => {
    const parent = (await upcoming()).filter((s) => s.audience === 'parent');
    expect(parent.some((s) => JSON.parse(String(s.languages)).includes('ar'))).toBe(true);
    expect(parent.some((s) => s.interpreter_note !== '')).toBe(true);
    expect(parent.some((s) => s.childcare_note !== '')).toBe(true);
    const left = (s: Row) => Number(s.capacity) - Number(s.seats);
    expect(parent.filter((s) => left(s) > 0 && left(s) <= 2).length).toBeGreaterThanOrEqual(2);
  });

  it('has exactly one full session, and it alone has a waiting list', async () => {
    const full = (await upcoming()).filter((s) => Number(s.seats) >= Number(s.capacity));
    expect(full).toHaveLength(1);
    expect(Number(full[0]!.waiting)).toBeGreaterThan(0);
    expect(Number(await one(`select count(distinct session_id) from registrations where status = 'waitlisted'`))).toBe(1);
  });

  it("gives every upcoming session to its organisation's demo trainer, never twice at once", async () => {
    const rows = await all(
      `select u.email, s.starts_at, s.ends_at from sessions s join users u on u.id = s.trainer_id where s.starts_at > ?`,
      [NOW],
    );
    expect(new Set(rows.map((r) => r.email))).toEqual(
      new Set(['formatrice.ligue@demo.passerelle.test', 'formateur.drane@demo.passerelle.test']),
    );
    const clash = await one(`select count(*) from sessions a join sessions b on a.trainer_id = b.trainer_id and a.id < b.id
      and a.starts_at < b.ends_at and b.starts_at < a.ends_at`);
    expect(Number(clash)).toBe(0);
  });
});

describe('bookings', () => {
  it('never puts more confirmed seats than capacity in a session', async () => {
    expect(
      Number(
        await one(`select count(*) from sessions s
      where (select coalesce(sum(adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed') > s.capacity`),
      ),
    ).toBe(0);
  });

  it('gives each booking a unique 6-character code readable aloud', async () => {
    const [r] = await all(`select count(*) n, count(distinct code) codes from registrations`);
    expect(Number(r!.n)).toBeGreaterThan(5000);
    expect(r!.codes).toBe(r!.n);
    const bad = await all(
      `select code from registrations where length(code) <> 6 or code glob '*[^ABCDEFGHJKMNPQRSTUVWXYZ23456789]*' limit 1`,
    );
    expect(bad).toEqual([]);
  });

  it('has 18 months of past sessions with attendance, and no queued mail', async () => {
    const [r] = await all(`select count(*) n, min(starts_at) first from sessions where starts_at < ?`, [NOW]);
    expect(Number(r!.n)).toBeGreaterThan(300);
    expect(Number(r!.first)).toBeGreaterThanOrEqual(NOW - 550 * DAY);
    expect(Number(r!.first)).toBeLessThan(NOW - 450 * DAY);
    expect(Number(await one('select count(*) from attendance where present = 1'))).toBeGreaterThan(3000);
    expect(Number(await one('select count(*) from attendance where present = 0'))).toBeGreaterThan(0);
    expect(Number(await one('select count(*) from outbox'))).toBe(0);
  });

  it("keeps parents' names only within six months of their session", async () => {
    const parents = (cmp: string) =>
      all(
        `select r.first_name, r.phone, r.email, r.erased_at from registrations r join sessions s on s.id = r.session_id
      where s.audience = 'parent' and s.ends_at ${cmp} ?`,
        [NOW - 180 * DAY],
      );
    const old = await parents('<');
    expect(old.length).toBeGreaterThan(500);
    expect(old.every((r) => r.first_name === null && r.phone === null && r.email === null && r.erased_at !== null)).toBe(true);
    const recent = await parents('>=');
    expect(recent.every((r) => r.first_name !== null && (r.phone !== null || r.email !== null) && r.erased_at === null)).toBe(true);
  });
});

describe('readiness and parent reach', () => {
  it('shows some schools ready, many in progress, some at risk, a few without equipment', async () => {
    const schools = await all('select uai, teachers from schools');
    const rollouts = await all('select school_uai, kind, quantity, planned_on, delivered_on from equipment_rollouts');
    const trained = await all(`select u.school_uai, k.value kind, count(distinct u.id) n
      from attendance a join registrations r on r.id = a.registration_id join users u on u.id = r.user_id
      join sessions s on s.id = r.session_id join tracks tr on tr.id = s.track_id, json_each(tr.equipment_kinds) k
      where a.present = 1 and u.role = 'teacher' group by 1, 2`);
    const counts: Record<string, number> = {};
    for (const s of schools) {
      const own: Rollout[] = rollouts
        .filter((r) => r.school_uai === s.uai)
        .map((r) => ({
          kind: String(r.kind),
          quantity: Number(r.quantity),
          plannedOn: r.planned_on as string | null,
          deliveredOn: r.delivered_on as string | null,
        }));
      const byKind = Object.fromEntries(trained.filter((x) => x.school_uai === s.uai).map((x) => [String(x.kind), Number(x.n)]));
      const { status } = schoolReadiness(Number(s.teachers), own, byKind, today);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    const share = (status: string) => (counts[status] ?? 0) / schools.length;
    expect(share('ready')).toBeGreaterThan(0.08);
    expect(share('at-risk')).toBeGreaterThan(0.08);
    expect(share('in-progress')).toBeGreaterThan(0.3);
    expect(share('in-progress')).toBeGreaterThan(Math.max(share('ready'), share('at-risk')));
    expect(counts['no-equipment']).toBeGreaterThanOrEqual(3);
    expect(share('no-equipment')).toBeLessThan(0.06);
  });

  it('has parents who attended in many schools', async () => {
    const reached = await one(`select count(distinct r.child_school_uai) from attendance a join registrations r on r.id = a.registration_id
      where a.present = 1 and r.user_id is null`);
    expect(Number(reached)).toBeGreaterThan(100);
  });
});

describe('demo accounts', () => {
  it('has one account per role, all signing in with the one demo password', async () => {
    const logins = await demoLogins(t.db);
    expect(new Set(logins.map((l) => l.role))).toEqual(new Set(ROLES));
    // Seven since issue 14.6 added the Ligue's coordinator.
    expect(logins).toHaveLength(7);
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    for (const login of logins) {
      const hash = await one('select password_hash from users where email = ? and role = ?', [login.email, login.role]);
      expect(await verifyPasswordHash(String(hash), login.password)).toBe(true);
    }
    const trainers = await all(`select o.slug from users u join organisations o on o.id = u.organisation_id
      where u.email in ('formatrice.ligue@demo.passerelle.test', 'formateur.drane@demo.passerelle.test') order by 1`);
    expect(trainers.map((r) => r.slug)).toEqual(['drane', 'ligue']);
  });

  it('makes the demo teacher a teacher of a demo school with a training record and a booking', async () => {
    const [teacher] = await all(`select u.id, u.school_uai, (select count(*) from schools s where s.uai = u.school_uai) school
      from users u where u.email = 'enseignante@demo.passerelle.test' and u.role = 'teacher'`);
    expect(teacher!.school).toBe(1);
    const record = await all(
      `select s.starts_at > ? upcoming, a.present from registrations r join sessions s on s.id = r.session_id
      left join attendance a on a.registration_id = r.id where r.user_id = ? and r.status = 'confirmed'`,
      [NOW, Number(teacher!.id)],
    );
    expect(record.some((r) => r.present === 1)).toBe(true);
    expect(record.some((r) => r.upcoming === 1)).toBe(true);
  });

  it('lists no demo logins in a database without demo data', async () => {
    const empty = await createTestDb();
    try {
      expect(await demoLogins(empty.db)).toEqual([]);
    } finally {
      empty.close();
    }
  });
});

describe('the generator', () => {
  it('builds the same city twice', async () => {
    const again = await createTestDb();
    try {
      await seedDemoData(again.db, NOW);
      for (const sql of [
        'select * from schools order by uai',
        'select * from equipment_rollouts order by id',
        'select * from sessions order by id',
      ]) {
        expect(await all(sql, [], again)).toEqual(await all(sql));
      }
      expect(await all('select code, status, adults from registrations order by id', [], again)).toEqual(
        await all('select code, status, adults from registrations order by id'),
      );
    } finally {
      again.close();
    }
  });

  it('still offers 60 weekday sessions when the next 8 weeks fall in the summer break', async () => {
    const summer = await createTestDb();
    const july = Date.UTC(2027, 6, 6, 8, 0);
    try {
      await seedDemoData(summer.db, july);
      const starts = await all(
        `select starts_at from sessions where status = 'scheduled' and starts_at > ? and starts_at < ?`,
        [july, july + 56 * DAY],
        summer,
      );
      expect(starts.length).toBeGreaterThanOrEqual(60);
      for (const { starts_at } of starts) expect([1, 2, 3, 4, 5]).toContain(new Date(Number(starts_at)).getUTCDay());
    } finally {
      summer.close();
    }
  });

  it('loads the whole city in a few seconds', () => {
    expect(seedMs).toBeLessThan(6000);
  });
});
