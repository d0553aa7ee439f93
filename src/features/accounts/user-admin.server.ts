// What an admin does to accounts: invite staff, list, change a role, deactivate.
import { asc, count, eq, or, sql } from 'drizzle-orm';
import { organisations, users } from '~db/schema';
import { accountEmailStatement, accountLink } from './account-mail.server';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import { normaliseEmail } from '~/features/registration/contact';
import type { Db } from '~/platform/db/db.server';
import { containsPattern, pageWindow, type PageWindow } from '~/platform/http/paging';
import { invalidateUserSessionsStatement } from '~/features/auth/sign-in-session.server';
import {
  auditUserByEmailStatement,
  getUserById,
  insertUserStatement,
  isRole,
  organisationSet,
  TRAINER_ORGANISATIONS,
  needsTrainingBody,
  USER_ORGANISATION,
  USER_RECORD,
  validateNewUser,
  type FieldErrors,
  type Role,
  type SessionUser,
  type UserRecord,
} from './users.server';
import { issueUserToken } from '~/features/auth/user-tokens.server';

export type AdminResult = { ok: true } | { ok: false; errors: FieldErrors };

function actorOf(admin: SessionUser): Actor {
  return { kind: 'user', userId: admin.id };
}

// A page of accounts matching a name or address, with how many match in all: a city has
// thousands of teachers, and the admin page stays light by showing one page of them.
export const USERS_PAGE_SIZE = 25;
export interface UserPage {
  users: UserRecord[];
  total: number;
  window: PageWindow;
}

export async function listUsers(db: Db, { query = '', page = 1 }: { query?: string; page?: unknown } = {}): Promise<UserPage> {
  const q = containsPattern(query);
  const matches = or(sql`lower(${users.email}) like ${q} escape '\\'`, sql`lower(${users.name}) like ${q} escape '\\'`);
  const [{ total = 0 } = {}] = await db.select({ total: count() }).from(users).where(matches);
  const window = pageWindow(total, page, USERS_PAGE_SIZE);
  const rows = await db
    .select(USER_RECORD)
    .from(users)
    .leftJoin(organisations, USER_ORGANISATION)
    .where(matches)
    .orderBy(asc(users.role), asc(users.name), asc(users.id))
    .limit(window.size)
    .offset(window.offset);
  return { users: rows, total, window };
}

export interface Invitation {
  email: string;
  name: string;
  role: Role;
  organisationSlug?: string | null;
  language?: string;
}

// The account exists at once without a password; the emailed link lets its owner choose one.
export async function inviteStaff(db: Db, admin: SessionUser, input: Invitation, now = Date.now()): Promise<AdminResult> {
  const errors = await validateNewUser(db, { ...input, password: null });
  if (Object.keys(errors).length) return { ok: false, errors };
  const email = normaliseEmail(input.email)!;
  const link = issueUserToken(db, { email }, 'invite', now);
  const url = accountLink('account-invite', link.token);
  const [name, organisation] = [input.name.trim(), input.organisationSlug ?? null];
  try {
    await db.batch([
      insertUserStatement(db, { ...input, email, verified: false }, null, now),
      ...link.statements,
      accountEmailStatement(db, { kind: 'account-invite', recipient: email, name, url, language: input.language }),
      auditUserByEmailStatement(db, actorOf(admin), 'user.invited', email, { role: input.role, organisation }),
    ]);
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) return { ok: false, errors: { email: 'auth.errors.emailTaken' } };
    throw error;
  }
  return { ok: true };
}

// A trainer needs a training body; other roles keep the organisation they are given, if any.
export async function changeRole(
  db: Db,
  admin: SessionUser,
  { userId, role, organisationSlug = null }: { userId: number; role: string; organisationSlug?: string | null },
): Promise<AdminResult> {
  if (!isRole(role)) return { ok: false, errors: { role: 'auth.errors.invalidRole' } };
  if (userId === admin.id) return { ok: false, errors: { role: 'auth.errors.notYourself' } };
  if (needsTrainingBody(role) && !(TRAINER_ORGANISATIONS as readonly string[]).includes(organisationSlug ?? '')) {
    return { ok: false, errors: { organisation: 'auth.errors.trainerOrganisation' } };
  }
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, errors: { user: 'errors.notFound' } };
  const details = { from: user.role, to: role, organisation: organisationSlug };
  await db.batch([
    db
      .update(users)
      .set({ role, ...organisationSet(db, organisationSlug) })
      .where(eq(users.id, userId)),
    auditStatement(db, actorOf(admin), 'user.role-changed', 'user', userId, details),
  ]);
  return { ok: true };
}

// A deactivated account cannot sign in and loses its sessions at once; its history stays.
export async function setUserActive(db: Db, admin: SessionUser, userId: number, active: boolean): Promise<AdminResult> {
  if (userId === admin.id) return { ok: false, errors: { user: 'auth.errors.notYourself' } };
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, errors: { user: 'errors.notFound' } };
  const audited = auditStatement(db, actorOf(admin), active ? 'user.reactivated' : 'user.deactivated', 'user', userId);
  const update = db.update(users).set({ active }).where(eq(users.id, userId));
  await (active ? db.batch([update, audited]) : db.batch([update, invalidateUserSessionsStatement(db, userId), audited]));
  return { ok: true };
}

// A new invitation link for staff who never chose a password (the old link stops working).
export async function resendInvitation(db: Db, admin: SessionUser, userId: number, now = Date.now()): Promise<AdminResult> {
  const user = await getUserById(db, userId);
  if (!user || !user.active || user.passwordHash) return { ok: false, errors: { user: 'auth.errors.noPendingInvitation' } };
  const link = issueUserToken(db, { id: user.id }, 'invite', now);
  const url = accountLink('account-invite', link.token);
  await db.batch([
    ...link.statements,
    accountEmailStatement(db, { kind: 'account-invite', recipient: user.email, name: user.name, url }),
    auditStatement(db, actorOf(admin), 'user.invited', 'user', user.id, { role: user.role, again: true }),
  ]);
  return { ok: true };
}
