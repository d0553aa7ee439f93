// The meeting page's two forms (add a follow-up, close one), posted with an `intent`; errors
// come back worded in French, by field.
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { dateFrom } from '~/features/rollouts/rollout-fields';
import { addFollowUp, closeFollowUp } from './sections/follow-ups.server';
import { rv } from './meeting-text';

export type FollowUpOutcome = { ok: true; notice: 'ajoute' | 'clos' } | { ok: false; errors: Record<string, string> };

export async function handleFollowUpForm(db: Db, actor: Actor, isoWeek: string, form: Record<string, string>): Promise<FollowUpOutcome> {
  if (form.intent === 'close') {
    const id = Number(form.id);
    const done = Number.isInteger(id) && id > 0 && (await closeFollowUp(db, actor, id, isoWeek));
    return done ? { ok: true, notice: 'clos' } : { ok: false, errors: { id: rv('followUps.errors.what') } };
  }
  const what = (form.what ?? '').trim();
  const who = (form.who ?? '').trim();
  const dueOn = dateFrom(form.dueOn ?? '');
  const errors: Record<string, string> = {};
  if (!what || what.length > 500) errors.what = rv('followUps.errors.what');
  if (who.length > 120) errors.who = rv('followUps.errors.who');
  if (dueOn === undefined) errors.dueOn = rv('followUps.errors.dueOn');
  if (Object.keys(errors).length) return { ok: false, errors };
  await addFollowUp(db, actor, isoWeek, { what, who, dueOn: dueOn ?? null });
  return { ok: true, notice: 'ajoute' };
}
