// The forms of the admin accounts page, each posted with an `intent`, to one domain call.
import type { Lang } from '~/i18n';
import { inviteInput, parseInput, roleChangeInput } from '~/features/auth/auth-input';
import { wordErrors } from '~/platform/text/field-errors';
import type { Db } from '~/platform/db/db.server';
import { changeRole, inviteStaff, resendInvitation, setUserActive, type AdminResult } from './user-admin.server';
import type { SessionUser } from './users.server';

export type UserAdminOutcome = { ok: true; notice: string } | { ok: false; intent: string; errors: Record<string, string> };

function userIdOf(form: Record<string, string>): number {
  const id = Number(form.userId);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

async function run(db: Db, admin: SessionUser, form: Record<string, string>, lang: Lang): Promise<[AdminResult, string]> {
  switch (form.intent) {
    case 'invite': {
      const parsed = parseInput(inviteInput, form);
      if (!parsed.ok) return [parsed, ''];
      const { organisation, ...rest } = parsed.value;
      return [
        await inviteStaff(db, admin, {
          ...rest,
          role: rest.role as SessionUser['role'],
          organisationSlug: organisation || null,
          language: lang,
        }),
        'invited',
      ];
    }
    case 'change-role': {
      const parsed = parseInput(roleChangeInput, form);
      if (!parsed.ok) return [parsed, ''];
      const { userId, role, organisation } = parsed.value;
      return [await changeRole(db, admin, { userId, role, organisationSlug: organisation || null }), 'roleChanged'];
    }
    case 'deactivate':
      return [await setUserActive(db, admin, userIdOf(form), false), 'deactivated'];
    case 'reactivate':
      return [await setUserActive(db, admin, userIdOf(form), true), 'reactivated'];
    case 'resend-invite':
      return [await resendInvitation(db, admin, userIdOf(form)), 'inviteResent'];
    default:
      return [{ ok: false, errors: { intent: 'errors.invalid' } }, ''];
  }
}

export async function handleUserAdminPost(db: Db, admin: SessionUser, form: Record<string, string>, lang: Lang): Promise<UserAdminOutcome> {
  const [result, notice] = await run(db, admin, form, lang);
  if (result.ok) return { ok: true, notice };
  return { ok: false, intent: form.intent ?? '', errors: wordErrors(lang, result.errors) };
}
