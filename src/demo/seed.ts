// The Marseille demo city, loaded into an empty database on `npm start` (unless DEMO_DATA=0):
// schools, equipment rollouts, tracks, past and upcoming sessions with bookings and attendance,
// and one account per role. Deterministic: the same `now` gives the same rows.
import type { Db } from '~/platform/db/db.server';
import { hashPassword } from '~/features/auth/password.server';
import { appointDemoTeacher, createStaff, DEMO_PASSWORD, listDemoLogins } from './accounts';
import { DemoCity } from './city';
import type { SeedContext } from './context';
import { parisToday } from './days';
import { TeacherRoster } from './people';
import { createRandom } from './random';
import { planRollouts } from './rollouts';
import { cityStatements, rolloutStatements, schoolStatements } from './rows';
import { Agenda } from './schedule';
import { generateSchools } from './schools';
import { ORGANISATIONS, TRACKS, type OrgSlug } from './tracks';
import { seedPastTrainings } from './training';
import { seedUpcomingTrainings } from './upcoming-teachers';
import { seedUpcomingWorkshops } from './upcoming-parents';
import { seedPastWorkshops } from './workshops';

const SEED = 13_013;

// Organisations and tracks may already exist (made by hand): reuse them by slug.
async function ensureCatalog(db: Db) {
  await db.$client.batch([
    ...ORGANISATIONS.map((o) => ({
      sql: 'insert into organisations (slug, name, contact_email, contact_phone) values (?, ?, ?, ?) on conflict (slug) do nothing',
      args: [o.slug, o.name, o.contactEmail, o.contactPhone],
    })),
    ...TRACKS.map((t) => ({
      sql: `insert into tracks (slug, audience, organisation_id, title, summary, equipment_kinds, duration_minutes)
        values (?, ?, (select id from organisations where slug = ?), ?, ?, ?, ?) on conflict (slug) do nothing`,
      args: [t.slug, t.audience, t.org, t.title, t.summary, JSON.stringify(t.equipmentKinds), t.durationMinutes],
    })),
  ], 'write');
  const orgs = await db.$client.execute('select id, slug from organisations');
  const orgIds = Object.fromEntries(orgs.rows.map((r) => [String(r.slug), Number(r.id)])) as Record<OrgSlug, number>;
  const rows = await db.$client.execute('select id, slug from tracks');
  const trackIds = new Map(rows.rows.map((r) => [String(r.slug), Number(r.id)]));
  return { orgIds, tracks: new Map(TRACKS.map((t) => [t.slug, { ...t, id: trackIds.get(t.slug)! }])) };
}

async function firstFreeIds(db: Db) {
  const rs = await db.$client.execute(`select
    (select coalesce(max(id), 0) + 1 from users) as user,
    (select coalesce(max(id), 0) + 1 from sessions) as session,
    (select coalesce(max(id), 0) + 1 from registrations) as registration`);
  const row = rs.rows[0]!;
  return { user: Number(row.user), session: Number(row.session), registration: Number(row.registration) };
}

export async function seedDemoData(db: Db, now = Date.now()): Promise<void> {
  const [passwordHash, catalog, firstIds] = await Promise.all([hashPassword(DEMO_PASSWORD), ensureCatalog(db), firstFreeIds(db)]);
  const random = createRandom(SEED);
  const today = parisToday(now);
  const schools = generateSchools(random);
  const plans = planRollouts(random, schools, today);
  const city = new DemoCity(random, now, firstIds);
  const ctx: SeedContext = {
    city, random, now, today, schools, plans, ...catalog,
    roster: new TeacherRoster(city),
    agenda: new Agenda(),
    staff: createStaff(city, catalog.orgIds, passwordHash),
  };
  const trained = seedPastTrainings(ctx);
  seedPastWorkshops(ctx);
  seedUpcomingWorkshops(ctx);
  seedUpcomingTrainings(ctx, trained);
  appointDemoTeacher(ctx, passwordHash);
  await db.$client.batch([...schoolStatements(schools), ...rolloutStatements(plans, now), ...cityStatements(city)], 'write');
}

export function demoLogins(db: Db): Promise<{ role: string; email: string; password: string }[]> {
  return listDemoLogins(db);
}
