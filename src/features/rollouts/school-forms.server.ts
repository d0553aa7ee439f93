// The forms of the staff school pages (teacher headcount, equipment lines), each posted with
// an `intent`, to one domain call. Errors come back worded in French, by field.
import { t } from '~/i18n';
import { checkRolloutFields, kindFrom } from './rollout-fields';
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { headcountFrom, setTeacherHeadcount } from '~/features/schools/headcount.server';
import { deleteRollout, saveRollout } from './rollouts.server';
import type { SessionUser } from '~/features/accounts/users.server';

export type FormOutcome = { ok: true; notice: string } | { ok: false; errors: Record<string, string> } | { ok: false; notFound: true };

const actorOf = (user: SessionUser): Actor => ({ kind: 'user', userId: user.id });
const worded = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, t('fr', key)]));

export async function handleHeadcountForm(db: Db, user: SessionUser, uai: string, form: Record<string, string>): Promise<FormOutcome> {
  const teachers = headcountFrom(form.teachers);
  if (teachers === null) return { ok: false, errors: { teachers: t('fr', 'staff.school.headcountError') } };
  const found = await setTeacherHeadcount(db, actorOf(user), uai, teachers);
  return found ? { ok: true, notice: 'effectif' } : { ok: false, notFound: true };
}

export async function handleRolloutForm(db: Db, user: SessionUser, uai: string, form: Record<string, string>): Promise<FormOutcome> {
  if (form.intent === 'delete') {
    const kind = kindFrom(form.kind ?? '');
    const done = kind !== null && (await deleteRollout(db, actorOf(user), uai, kind));
    return done ? { ok: true, notice: 'retire' } : { ok: false, errors: { kind: t('fr', 'staff.rollouts.errors.kind') } };
  }
  const checked = checkRolloutFields({
    kind: form.kind ?? '',
    quantity: form.quantity ?? '',
    plannedOn: form.plannedOn ?? '',
    deliveredOn: form.deliveredOn ?? '',
  });
  if (!checked.ok) return { ok: false, errors: worded(checked.errors) };
  const found = await saveRollout(db, actorOf(user), uai, checked.value);
  return found ? { ok: true, notice: 'enregistre' } : { ok: false, notFound: true };
}
