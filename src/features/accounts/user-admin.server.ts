// What an admin does to accounts: invite staff, list, change a role, deactivate.
import { asStatement } from '~/platform/db/statement';
import { accountEmailStatement, accountLink } from './account-mail.server';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import { normaliseEmail } from '~/features/registration/contact';
import type { Db } from '~/platform/db/db.server';
import { invalidateUserSessionsStatement } from '~/features/auth/sign-in-session.server';
import {
  auditUserByEmailStatement,
  getUserById,
  insertUserStatement,
  isRole,
  toUserRecord,
  TRAINER_ORGANISATIONS,
  USER_COLUMNS,
  USER_JOIN,
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

export async function listUsers(db: Db, { query = '', limit = 500 }: { query?: string; limit?: number } = {}): Promise<UserRecord[]> {
  const q = `%${query.trim().toLowerCase()}%`;
  const rs = await db.$client.execute({
    sql: `select ${USER_COLUMNS} from users u ${USER_JOIN}
          where lower(u.email) like ? or lower(u.name) like ? order by u.role, u.name limit ?`,
    args: [q, q, Math.min(limit, 2000)],
  });
  return rs.rows.map((r) => toUserRecord(r as Record<string, unknown>));
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
  const link = issueUserToken({ email }, 'invite', now);
  try {
    await db.$client.batch(
      [
        insertUserStatement({ ...input, email, verified: false }, null, now),
        ...link.statements,
        accountEmailStatement({ kind: 'account-invite', recipient: email, name: input.name.trim(), url: accountLink('account-invite', link.token), language: input.language }),
        auditUserByEmailStatement(actorOf(admin), 'user.invited', email, { role: input.role, organisation: input.organisationSlug ?? null }),
      ],
      'write',
    );
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
  if (role === 'trainer' && !(TRAINER_ORGANISATIONS as readonly string[]).includes(organisationSlug ?? '')) {
    return { ok: false, errors: { organisation: 'auth.errors.trainerOrganisation' } };
  }
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, errors: { user: 'errors.notFound' } };
  const details = { from: user.role, to: role, organisation: organisationSlug };
  await db.$client.batch(
    [
      { sql: 'update users set role = ?, organisation_id = (select id from organisations where slug = ?) where id = ?', args: [role, organisationSlug, userId] },
      asStatement(auditStatement(db, actorOf(admin), 'user.role-changed', 'user', userId, details)),
    ],
    'write',
  );
  return { ok: true };
}

// A deactivated account cannot sign in and loses its sessions at once; its history stays.
export async function setUserActive(db: Db, admin: SessionUser, userId: number, active: boolean): Promise<AdminResult> {
  if (userId === admin.id) return { ok: false, errors: { user: 'auth.errors.notYourself' } };
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, errors: { user: 'errors.notFound' } };
  await db.$client.batch(
    [
      { sql: 'update users set active = ? where id = ?', args: [active ? 1 : 0, userId] },
      ...(active ? [] : [invalidateUserSessionsStatement(userId)]),
      asStatement(auditStatement(db, actorOf(admin), active ? 'user.reactivated' : 'user.deactivated', 'user', userId)),
    ],
    'write',
  );
  return { ok: true };
}

// A new invitation link for staff who never chose a password (the old link stops working).
export async function resendInvitation(db: Db, admin: SessionUser, userId: number, now = Date.now()): Promise<AdminResult> {
  const user = await getUserById(db, userId);
  if (!user || !user.active || user.passwordHash) return { ok: false, errors: { user: 'auth.errors.noPendingInvitation' } };
  const link = issueUserToken({ id: user.id }, 'invite', now);
  await db.$client.batch(
    [
      ...link.statements,
      accountEmailStatement({ kind: 'account-invite', recipient: user.email, name: user.name, url: accountLink('account-invite', link.token) }),
      asStatement(auditStatement(db, actorOf(admin), 'user.invited', 'user', user.id, { role: user.role, again: true })),
    ],
    'write',
  );
  return { ok: true };
}
