// Accounts: who may sign in, with which role, for which organisation or school.
import { eq, sql, type SQL } from 'drizzle-orm';
import { auditLog, organisations, ROLES, schools, users, type Role } from '~db/schema';
import { normaliseEmail } from '~/features/registration/contact';
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { hashPassword, passwordProblem } from '~/features/auth/password.server';

export { ROLES, type Role };

// Trainers and coordinators belong to one of the two training bodies.
export const TRAINER_ORGANISATIONS = ['ligue', 'drane'] as const;

export function needsTrainingBody(role: Role): boolean {
  return role === 'trainer' || role === 'coordinator';
}

// What every request knows about the person signed in (locals.user).
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  organisationSlug: string | null;
  schoolUai: string | null;
  emailVerified: boolean;
}

export interface UserRecord extends SessionUser {
  active: boolean;
  passwordHash: string | null;
  createdAt: number;
}

// The columns of a UserRecord, for any select that joins `users` and (left) `organisations`
// on USER_ORGANISATION.
export const USER_RECORD = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organisationId: users.organisationId,
  organisationSlug: organisations.slug,
  schoolUai: users.schoolUai,
  emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`.mapWith(Boolean),
  active: users.active,
  passwordHash: users.passwordHash,
  createdAt: users.createdAt,
};
export const USER_ORGANISATION = eq(organisations.id, users.organisationId);

// Only what pages need: never the password hash.
export function toSessionUser(u: UserRecord): SessionUser {
  const { id, email, name, role, organisationId, organisationSlug, schoolUai, emailVerified } = u;
  return { id, email, name, role, organisationId, organisationSlug, schoolUai, emailVerified };
}

async function findUser(db: Db, where: SQL): Promise<UserRecord | null> {
  const [row] = await db.select(USER_RECORD).from(users).leftJoin(organisations, USER_ORGANISATION).where(where).limit(1);
  return row ?? null;
}

export function getUserById(db: Db, id: number) {
  return findUser(db, eq(users.id, id));
}

export function getUserByEmail(db: Db, email: string) {
  const normalised = normaliseEmail(email);
  return normalised ? findUser(db, eq(users.email, normalised)) : Promise.resolve(null);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password?: string | null;
  schoolUai?: string | null;
  organisationSlug?: string | null;
  verified?: boolean;
}

export type FieldErrors = Record<string, string>;

// Control characters and bidi overrides have no place in a name shown in emails and lists.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// Checks a new account against the rules and the database; errors are translation keys.
export async function validateNewUser(db: Db, input: NewUser, { checkPassword = true } = {}): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const email = normaliseEmail(input.email);
  if (!input.email.trim()) errors.email = 'errors.required';
  else if (!email) errors.email = 'errors.invalidEmail';
  else if (await getUserByEmail(db, email)) errors.email = 'auth.errors.emailTaken';
  if (!input.name.trim()) errors.name = 'errors.required';
  else if (input.name.trim().length > 120) errors.name = 'errors.tooLong';
  else if (UNSAFE_TEXT.test(input.name)) errors.name = 'errors.invalidCharacters';
  if (!isRole(input.role)) errors.role = 'auth.errors.invalidRole';
  const org = input.organisationSlug ?? null;
  if (needsTrainingBody(input.role) && !(TRAINER_ORGANISATIONS as readonly string[]).includes(org ?? '')) {
    errors.organisation = 'auth.errors.trainerOrganisation';
  } else if (org && !(await exists(db, organisations, eq(organisations.slug, org)))) {
    errors.organisation = 'auth.errors.unknownOrganisation';
  }
  if (input.schoolUai && !(await exists(db, schools, eq(schools.uai, input.schoolUai.toUpperCase())))) {
    errors.schoolUai = 'errors.invalidSchool';
  }
  if (checkPassword && input.password != null) {
    const problem = passwordProblem(input.password, { email });
    if (problem) errors.password = problem;
  }
  return errors;
}

async function exists(db: Db, table: typeof organisations | typeof schools, where: SQL) {
  return (
    (
      await db
        .select({ one: sql`1` })
        .from(table)
        .where(where)
        .limit(1)
    ).length > 0
  );
}

// The id of the organisation with this slug, found inside the statement that needs it.
function organisationIdOf(db: Db, slug: string | null | undefined) {
  if (!slug) return null;
  return sql<number>`${db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug))}`;
}

// The insert for an already validated account; the organisation is found by its slug.
export function insertUserStatement(db: Db, input: NewUser, passwordHash: string | null, now = Date.now()) {
  return db.insert(users).values({
    email: normaliseEmail(input.email) ?? input.email,
    name: input.name.trim(),
    role: input.role,
    organisationId: organisationIdOf(db, input.organisationSlug),
    schoolUai: input.schoolUai?.toUpperCase() ?? null,
    passwordHash,
    emailVerifiedAt: input.verified ? now : null,
    active: true,
    createdAt: now,
  });
}

// The organisation change of a role change, as the `set` of an update of users.
export function organisationSet(db: Db, slug: string | null) {
  return { organisationId: organisationIdOf(db, slug) };
}

// An audit entry about the account with this email, usable in the batch that creates it.
export function auditUserByEmailStatement(db: Db, actor: Actor, action: string, email: string, details?: Record<string, unknown>) {
  return db.insert(auditLog).values({
    actorUserId: actor.userId ?? null,
    actorKind: actor.kind,
    action,
    subjectType: 'user',
    subjectId: sql`${db
      .select({ id: sql`cast(${users.id} as text)` })
      .from(users)
      .where(eq(users.email, email))}`,
    details: details ?? null,
  });
}

export type CreateUserResult = { ok: true; user: UserRecord } | { ok: false; errors: FieldErrors };

// An active account made by an admin tool (CLI, demo data, tests): confirmed unless told otherwise.
export async function createUser(db: Db, input: NewUser, actor: Actor, now = Date.now()): Promise<CreateUserResult> {
  const errors = await validateNewUser(db, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const email = normaliseEmail(input.email)!;
  try {
    await db.batch([
      insertUserStatement(db, { verified: true, ...input }, passwordHash, now),
      auditUserByEmailStatement(db, actor, 'user.created', email, { role: input.role }),
    ]);
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) return { ok: false, errors: { email: 'auth.errors.emailTaken' } };
    throw error;
  }
  return { ok: true, user: (await getUserByEmail(db, email))! };
}
