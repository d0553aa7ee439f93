// The Marseille demo city, loaded into an empty database on `npm start` (unless DEMO_DATA=0):
// schools, equipment rollouts, tracks, past and upcoming sessions with bookings and attendance,
// and one account per role. Deterministic: the same `now` gives the same rows.
import { eq, sql } from 'drizzle-orm';
import { organisations, registrations, sessions, tracks, users } from '~db/schema';
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
import { writeAll } from './sql';
import { generateSchools } from './schools';
import { ORGANISATIONS, TRACKS, type OrgSlug } from './tracks';
import { seedPastTrainings } from './training';
import { seedUpcomingTrainings } from './upcoming-teachers';
import { seedUpcomingWorkshops } from './upcoming-parents';
import { seedPastWorkshops } from './workshops';

const SEED = 13_013;

// Organisations and tracks may already exist (made by hand): reuse them by slug.
async function ensureCatalog(db: Db) {
  const organisationId = (slug: string) =>
    sql<number>`${db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug))}`;
  const trackRows = TRACKS.map(({ org, ...t }) => ({ ...t, organisationId: organisationId(org) }));
  await db.batch([
    db.insert(organisations).values(ORGANISATIONS).onConflictDoNothing({ target: organisations.slug }),
    db.insert(tracks).values(trackRows).onConflictDoNothing({ target: tracks.slug }),
  ]);
  const [orgs, rows] = await db.batch([
    db.select({ id: organisations.id, slug: organisations.slug }).from(organisations),
    db.select({ id: tracks.id, slug: tracks.slug }).from(tracks),
  ]);
  const orgIds = Object.fromEntries(orgs.map((r) => [r.slug, r.id])) as Record<OrgSlug, number>;
  const trackIds = new Map(rows.map((r) => [r.slug, r.id]));
  return { orgIds, tracks: new Map(TRACKS.map((t) => [t.slug, { ...t, id: trackIds.get(t.slug)! }])) };
}

async function firstFreeIds(db: Db) {
  const next = (id: typeof users.id | typeof sessions.id | typeof registrations.id) =>
    db.select({ id: sql<number>`coalesce(max(${id}), 0) + 1`.mapWith(Number) }).from(id.table);
  const [[user], [session], [registration]] = await db.batch([next(users.id), next(sessions.id), next(registrations.id)]);
  return { user: user!.id, session: session!.id, registration: registration!.id };
}

export async function seedDemoData(db: Db, now = Date.now()): Promise<void> {
  const [passwordHash, catalog, firstIds] = await Promise.all([hashPassword(DEMO_PASSWORD), ensureCatalog(db), firstFreeIds(db)]);
  const random = createRandom(SEED);
  const today = parisToday(now);
  const schools = generateSchools(random);
  const plans = planRollouts(random, schools, today);
  const city = new DemoCity(random, now, firstIds);
  const ctx: SeedContext = {
    city,
    random,
    now,
    today,
    schools,
    plans,
    ...catalog,
    roster: new TeacherRoster(city),
    agenda: new Agenda(),
    staff: createStaff(city, catalog.orgIds, passwordHash),
  };
  const trained = seedPastTrainings(ctx);
  seedPastWorkshops(ctx);
  seedUpcomingWorkshops(ctx);
  seedUpcomingTrainings(ctx, trained);
  appointDemoTeacher(ctx, passwordHash);
  await writeAll(db, [...schoolStatements(db, schools), ...rolloutStatements(db, plans, now), ...cityStatements(db, city)]);
}

export function demoLogins(db: Db): Promise<{ role: string; email: string; password: string }[]> {
  return listDemoLogins(db);
}
