// The session forms of the trainer pages (create, edit, cancel), each to one domain call. On
// success the page redirects with a notice (post, redirect, get); otherwise it shows the form
// again with the errors worded.
import { t } from '~/i18n';
import { wordErrors } from '~/platform/text/field-errors';
import { editFromDraft, parseSessionForm, startAsShown, type SessionFormValues } from './session-form';
import { parseCancel } from './session-input';
import type { Db } from '~/platform/db/db.server';
import { createSessions, type SessionResult } from './plan-sessions.server';
import { cancelWithReason, editSession } from './session-edit.server';
import type { SessionView } from './sessions.server';
import { actorOf } from './trainer-access.server';
import { resolveSchoolField } from './session-school.server';
import type { SessionUser } from '~/features/accounts/users.server';
import type { Notified } from '~/features/notices/reach';

export type PageOutcome = { redirect: string } | { errors: Record<string, string>; failure?: string };

// Domain errors name the API's fields; the form asks for a date, a time and a duration.
const FORM_FIELD: Record<string, string> = { startsAt: 'date', endsAt: 'duration' };

export function word(errors: Record<string, string>): Record<string, string> {
  return wordErrors('fr', errors, FORM_FIELD);
}

function failed(result: SessionResult): PageOutcome {
  if ('errors' in result) return { errors: word(result.errors) };
  if ('error' in result) return { errors: {}, failure: t('fr', result.error, result.params) };
  return { errors: {} };
}

export async function createFromForm(db: Db, user: SessionUser, typed: SessionFormValues): Promise<PageOutcome> {
  const school = await resolveSchoolField(db, typed, user.organisationId ?? null, { remember: true });
  if (!school.ok) return { errors: { schoolUai: school.error } };
  const values = school.values;
  const parsed = parseSessionForm(values);
  if (!parsed.ok) return { errors: word(parsed.errors) };
  const { draft, starts, dates } = parsed.value;
  const result = await createSessions(db, user, draft, starts, undefined, { dates });
  if (result.status !== 201) return failed(result);
  const n = result.sessions?.length ?? 1;
  if (dates) return { redirect: `/formateur/sessions/${result.session.id}?fait=createdCourse&n=${dates.length}` };
  return { redirect: `/formateur/sessions/${result.session.id}?fait=${n > 1 ? 'createdSeries' : 'created'}&n=${n}` };
}

export async function editFromForm(db: Db, user: SessionUser, session: SessionView, typed: SessionFormValues): Promise<PageOutcome> {
  const school = await resolveSchoolField(db, typed, session.organisation.id);
  if (!school.ok) return { errors: { schoolUai: school.error } };
  const values = school.values;
  const parsed = parseSessionForm({ ...values, weeks: '1' }, { keptStart: startAsShown(session.startsAt) });
  if (!parsed.ok) return { errors: word(parsed.errors) };
  const result = await editSession(db, session, editFromDraft(parsed.value.draft, session), actorOf(user));
  if (result.status !== 200) return failed(result);
  const moved = result.session.changeCount !== session.changeCount;
  const counted = moved || (result.promoted ?? 0) > 0;
  return {
    redirect: `/formateur/sessions/${session.id}?fait=saved${moved ? `&told=${result.told ?? 0}` : ''}&promoted=${result.promoted ?? 0}${counted ? notifiedQuery(result.notified) : ''}`,
  };
}

export async function cancelFromForm(db: Db, user: SessionUser, session: SessionView, reason: string): Promise<PageOutcome> {
  const input = parseCancel({ reason });
  if (!input.ok) return { errors: word(input.errors) };
  const result = await cancelWithReason(db, session, input.value.reason, actorOf(user));
  if (result.status !== 200) return failed(result);
  return { redirect: `/formateur/sessions/${session.id}?fait=cancelled&n=${result.told ?? 0}${notifiedQuery(result.notified)}` };
}

// Who was really reached, carried to the page after the redirect.
export function notifiedQuery(notified: Notified | undefined): string {
  if (!notified) return '';
  return `&email=${notified.email}&sms=${notified.sms}&unreachable=${notified.unreachable}`;
}

// "2 personnes prévenues par e-mail, 3 par SMS. 1 personne n'a pas pu être prévenue : …"
export function notifiedNotice(query: URLSearchParams): string {
  if (!query.has('email')) return '';
  const n = (key: string) => Math.max(0, Number(query.get(key)) || 0);
  const channels = `${t('fr', 'notify.told.byEmail', { n: n('email') })}, ${t('fr', 'notify.told.bySms', { n: n('sms') })}.`;
  return `${channels} ${t('fr', 'notify.told.unreachable', { n: n('unreachable') })}`;
}

// The notice a redirect asked for, from its query: `fait` names it, numbers fill it in.
export function noticeFrom(query: URLSearchParams): string | null {
  const n = (key: string) => Math.max(0, Number(query.get(key)) || 0);
  switch (query.get('fait')) {
    case 'created':
      return t('fr', 'trainer.notices.created');
    case 'createdSeries':
      return t('fr', 'trainer.notices.createdSeries', { n: n('n') });
    case 'createdCourse':
      return t('fr', 'courses.form.created', { n: n('n') });
    case 'saved':
      return [
        t('fr', 'trainer.notices.saved'),
        query.has('told') ? t('fr', 'trainer.notices.told', { n: n('told') }) : '',
        n('promoted') ? t('fr', 'trainer.notices.promoted', { n: n('promoted') }) : '',
        notifiedNotice(query),
      ]
        .filter(Boolean)
        .join(' ');
    case 'cancelled':
      return n('n') && query.has('email')
        ? `${t('fr', 'notify.told.cancelled')} ${notifiedNotice(query)}`
        : t('fr', 'trainer.notices.cancelled', { n: n('n') });
    case 'messaged':
      return n('n') ? `${t('fr', 'notify.told.messaged')} ${notifiedNotice(query)}` : t('fr', 'notify.message.nobody');
    case 'called':
      return t('fr', 'notify.calls.done', { name: query.get('nom') ?? '' });
    case 'confirmedByHand':
    case 'registrationCancelled':
      return t('fr', `trainer.notices.${query.get('fait')}`);
    default:
      return null;
  }
}
