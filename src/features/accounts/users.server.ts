// Accounts: who may sign in, with which role, for which organisation or school.
import type { InStatement } from '@libsql/client';
import { ROLES, type Role } from '~db/schema';
import { normaliseEmail } from '~/features/registration/contact';
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { hashPassword, passwordProblem } from '~/features/auth/password.server';

export { ROLES, type Role };

// Trainers belong to one of the two training bodies.
export const TRAINER_ORGANISATIONS = ['ligue', 'drane'] as const;

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

export const USER_COLUMNS = `u.id as user_id, u.email as user_email, u.name as user_name, u.role as user_role,
  u.organisation_id as user_organisation_id, uo.slug as user_organisation_slug, u.school_uai as user_school_uai,
  u.email_verified_at as user_email_verified_at, u.active as user_active, u.password_hash as user_password_hash,
  u.created_at as user_created_at`;
export const USER_JOIN = 'left join organisations uo on uo.id = u.organisation_id';

export function toUserRecord(row: Record<string, unknown>): UserRecord {
  return {
    id: Number(row.user_id),
    email: String(row.user_email),
    name: String(row.user_name),
    role: row.user_role as Role,
    organisationId: row.user_organisation_id == null ? null : Number(row.user_organisation_id),
    organisationSlug: row.user_organisation_slug == null ? null : String(row.user_organisation_slug),
    schoolUai: row.user_school_uai == null ? null : String(row.user_school_uai),
    emailVerified: row.user_email_verified_at != null,
    active: Boolean(Number(row.user_active)),
    passwordHash: row.user_password_hash == null ? null : String(row.user_password_hash),
    createdAt: Number(row.user_created_at),
  };
}

// Only what pages need: never the password hash.
export function toSessionUser(u: UserRecord): SessionUser {
  const { id, email, name, role, organisationId, organisationSlug, schoolUai, emailVerified } = u;
  return { id, email, name, role, organisationId, organisationSlug, schoolUai, emailVerified };
}

async function findUser(db: Db, where: string, args: (string | number)[]): Promise<UserRecord | null> {
  const rs = await db.$client.execute({ sql: `select ${USER_COLUMNS} from users u ${USER_JOIN} where ${where} limit 1`, args });
  const row = rs.rows[0];
  return row ? toUserRecord(row as Record<string, unknown>) : null;
}

export function getUserById(db: Db, id: number) {
  return findUser(db, 'u.id = ?', [id]);
}

export function getUserByEmail(db: Db, email: string) {
  const normalised = normaliseEmail(email);
  return normalised ? findUser(db, 'u.email = ?', [normalised]) : Promise.resolve(null);
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
  if (input.role === 'trainer' && !(TRAINER_ORGANISATIONS as readonly string[]).includes(org ?? '')) {
    errors.organisation = 'auth.errors.trainerOrganisation';
  } else if (org && !(await exists(db, 'select 1 from organisations where slug = ?', org))) {
    errors.organisation = 'auth.errors.unknownOrganisation';
  }
  if (input.schoolUai && !(await exists(db, 'select 1 from schools where uai = ?', input.schoolUai.toUpperCase()))) {
    errors.schoolUai = 'errors.invalidSchool';
  }
  if (checkPassword && input.password != null) {
    const problem = passwordProblem(input.password, { email });
    if (problem) errors.password = problem;
  }
  return errors;
}

async function exists(db: Db, sql: string, arg: string) {
  return (await db.$client.execute({ sql, args: [arg] })).rows.length > 0;
}

// The insert for an already validated account; the organisation is found by its slug.
export function insertUserStatement(input: NewUser, passwordHash: string | null, now = Date.now()): InStatement {
  return {
    sql: `insert into users (email, name, role, organisation_id, school_uai, password_hash, email_verified_at, active, created_at)
          values (?, ?, ?, (select id from organisations where slug = ?), ?, ?, ?, 1, ?)`,
    args: [
      normaliseEmail(input.email) ?? input.email,
      input.name.trim(),
      input.role,
      input.organisationSlug ?? null,
      input.schoolUai?.toUpperCase() ?? null,
      passwordHash,
      input.verified ? now : null,
      now,
    ],
  };
}

// An audit entry about the account with this email, usable in the batch that creates it.
export function auditUserByEmailStatement(actor: Actor, action: string, email: string, details?: Record<string, unknown>): InStatement {
  return {
    sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
          select ?, ?, ?, 'user', cast(id as text), ? from users where email = ?`,
    args: [actor.userId ?? null, actor.kind, action, details ? JSON.stringify(details) : null, email],
  };
}

export type CreateUserResult = { ok: true; user: UserRecord } | { ok: false; errors: FieldErrors };

// An active account made by an admin tool (CLI, demo data, tests): confirmed unless told otherwise.
export async function createUser(db: Db, input: NewUser, actor: Actor, now = Date.now()): Promise<CreateUserResult> {
  const errors = await validateNewUser(db, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const email = normaliseEmail(input.email)!;
  try {
    await db.$client.batch(
      [
        insertUserStatement({ verified: true, ...input }, passwordHash, now),
        auditUserByEmailStatement(actor, 'user.created', email, { role: input.role }),
      ],
      'write',
    );
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) return { ok: false, errors: { email: 'auth.errors.emailTaken' } };
    throw error;
  }
  return { ok: true, user: (await getUserByEmail(db, email))! };
}
