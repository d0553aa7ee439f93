// The trainer's page of a course's dates (`/formateur/sessions/:id/dates`): one form per date
// to move it (date, time, duration in Paris time) or cancel it, to the same calls as the API.
import { t } from '~/i18n';
import { actorOf } from '~/features/sessions/trainer-access.server';
import { notifiedQuery, word } from '~/features/sessions/session-forms.server';
import type { SessionUser } from '~/features/accounts/users.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import type { Db } from '~/platform/db/db.server';
import { parisLocalToUtc } from '~/platform/text/dates';
import { cancelDate, moveDate } from './date-edit.server';

export type DateFormOutcome = { redirect: string } | { dateId: number; errors: Record<string, string>; failure?: string };

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.slice(0, 600) : '';
};

export async function dateFormPost(db: Db, user: SessionUser, session: SessionView, form: FormData): Promise<DateFormOutcome> {
  const dateId = Number(field(form, 'dateId'));
  const actor = actorOf(user);
  const base = `/formateur/sessions/${session.id}`;
  let result;
  if (field(form, 'intent') === 'cancel-date') {
    result = await cancelDate(db, session, dateId, { reason: field(form, 'reason') }, actor);
  } else {
    const start = parisLocalToUtc(field(form, 'date'), field(form, 'time'));
    const minutes = Number(field(form, 'duration'));
    if (start === null) return { dateId, errors: { date: t('fr', 'trainer.errors.date') } };
    if (!Number.isInteger(minutes) || minutes < 15) return { dateId, errors: { duration: t('fr', 'trainer.errors.duration') } };
    const slot = { startsAt: new Date(start).toISOString(), endsAt: new Date(start + minutes * 60_000).toISOString() };
    result = await moveDate(db, session, dateId, slot, actor);
  }
  if ('errors' in result) return { dateId, errors: word(result.errors) };
  if ('error' in result) return { dateId, errors: {}, failure: t('fr', result.error, result.params) };
  const done = field(form, 'intent') === 'cancel-date' ? 'dateCancelled' : 'dateMoved';
  return { redirect: `${base}/dates?fait=${done}&told=${result.told ?? 0}${notifiedQuery(result.notified)}` };
}
