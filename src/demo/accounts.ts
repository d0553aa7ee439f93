// Demo accounts, one per role, sharing one password printed at start-up; plus the other
// trainers who ran past sessions. They exist only in demo mode.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import type { DemoCity, UserRow } from './city';
import { DAY_MS } from './days';
import type { SeedContext, Staff } from './context';
import { emailLocalPart, randomPerson } from './names';
import type { OrgSlug } from './tracks';

// Long enough for the login form's rules, absent from common-password lists.
export const DEMO_PASSWORD = 'Calanques-Demo-2026';

export const DEMO_ACCOUNTS = [
  { role: 'teacher', email: 'enseignante@demo.passerelle.test', name: 'Camille Roux' },
  { role: 'trainer', email: 'formatrice.ligue@demo.passerelle.test', name: 'Samia Benali' },
  { role: 'trainer', email: 'formateur.drane@demo.passerelle.test', name: 'Julien Arnaud' },
  { role: 'drane', email: 'drane@demo.passerelle.test', name: 'Claire Castellani' },
  { role: 'city', email: 'ville@demo.passerelle.test', name: 'Karim Haddad' },
  { role: 'admin', email: 'admin@demo.passerelle.test', name: 'Nadia Papazian' },
  { role: 'coordinator', email: 'coordination.ligue@demo.passerelle.test', name: 'Sofia Marchetti' },
] as const;

function staffUser(city: DemoCity, i: number, organisationId: number | null, passwordHash: string): UserRow {
  const account = DEMO_ACCOUNTS[i]!;
  return city.addUser({
    email: account.email,
    name: account.name,
    role: account.role,
    organisationId,
    schoolUai: null,
    passwordHash,
    createdAt: city.now - 400 * DAY_MS,
  });
}

function trainers(city: DemoCity, organisationId: number, domain: string, count: number): UserRow[] {
  return Array.from({ length: count }, () => {
    const person = randomPerson(city.random);
    return city.addUser({
      email: city.claimEmail(emailLocalPart(person), domain),
      name: `${person.firstName} ${person.lastName}`,
      role: 'trainer',
      organisationId,
      schoolUai: null,
      passwordHash: null,
      createdAt: city.now - 600 * DAY_MS,
    });
  });
}

export function createStaff(city: DemoCity, orgIds: Record<OrgSlug, number>, passwordHash: string): Staff {
  const ligueDemo = staffUser(city, 1, orgIds.ligue, passwordHash);
  const draneDemo = staffUser(city, 2, orgIds.drane, passwordHash);
  staffUser(city, 3, orgIds.drane, passwordHash);
  staffUser(city, 4, orgIds.ville, passwordHash);
  staffUser(city, 5, null, passwordHash);
  staffUser(city, 6, orgIds.ligue, passwordHash);
  return {
    ligueDemo,
    draneDemo,
    ligueTrainers: [ligueDemo, ...trainers(city, orgIds.ligue, 'ligue.demo.passerelle.test', 4)],
    draneTrainers: [draneDemo, ...trainers(city, orgIds.drane, 'drane.demo.passerelle.test', 5)],
  };
}

// The demo teacher is a real teacher of the demo city: one who attended a training and has
// booked an upcoming one, so their home page and record have something to show.
export function appointDemoTeacher(ctx: SeedContext, passwordHash: string) {
  const { city, now } = ctx;
  const attended = new Set(city.attendance.filter((a) => a.present).map((a) => a.registrationId));
  const trainedUsers = new Set(city.registrations.filter((r) => attended.has(r.id)).map((r) => r.userId));
  const upcoming = new Set(city.sessions.filter((s) => s.audience === 'teacher' && s.startsAt > now).map((s) => s.id));
  const booking = city.registrations.find((r) => upcoming.has(r.sessionId) && trainedUsers.has(r.userId));
  const teacher = ctx.roster.byUserId.get(booking?.userId ?? -1) ?? [...ctx.roster.byUserId.values()][0]!;
  const account = DEMO_ACCOUNTS[0];
  const [firstName, lastName] = account.name.split(' ') as [string, string];
  Object.assign(teacher.user, { email: account.email, name: account.name, passwordHash });
  Object.assign(teacher.person, { firstName, lastName });
  for (const r of city.registrations) {
    if (r.userId === teacher.user.id) Object.assign(r, { email: account.email, firstName, lastName });
  }
}

// The demo logins that exist in this database (none when it was created with DEMO_DATA=0).
export async function listDemoLogins(db: Db): Promise<{ role: string; email: string; password: string }[]> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.active, true), isNotNull(users.passwordHash), inArray(users.email, emails)));
  const present = new Set(rows.map((r) => r.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => ({ role: a.role, email: a.email, password: DEMO_PASSWORD }));
}
