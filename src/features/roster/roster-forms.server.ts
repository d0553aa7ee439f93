// The roster page's forms, each posted with an `intent`, to one domain call: book on
// someone's behalf, confirm someone off the waitlist, cancel for someone; messaging everyone
// and the call list are in notices/notice-forms.server.ts.
import { t } from '~/i18n';
import { formObject } from '~/features/auth/auth-input';
import { registrationFromForm } from '~/features/registration/registration-input';
import type { Db } from '~/platform/db/db.server';
import { can } from '~/features/auth/permissions';
import { bookOnBehalf, cancelForSomeone, confirmFromWaitlist, type RosterResult } from './roster.server';
import { word } from '~/features/sessions/session-forms.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import { actorOf, sessionRef } from '~/features/sessions/trainer-access.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { NOTICE_INTENTS, noticePost } from '~/features/notices/notice-forms.server';

export type RosterOutcome = { redirect: string } | { values: Record<string, string>; errors: Record<string, string>; failure?: string };

function registrationIdOf(form: Record<string, string>): number {
  const id = Number(form.registrationId);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

async function run(db: Db, user: SessionUser, session: SessionView, form: FormData, values: Record<string, string>): Promise<RosterResult> {
  const permission = values.intent === 'book' ? 'book-on-behalf' : 'manage-session';
  if (!can(user, permission, sessionRef(session))) return { status: 403, error: 'auth.errors.forbidden' };
  switch (values.intent) {
    case 'book':
      return bookOnBehalf(db, session, registrationFromForm(form), user);
    case 'promote':
      return confirmFromWaitlist(db, session, registrationIdOf(values), actorOf(user));
    case 'cancel-registration':
      return cancelForSomeone(db, session, registrationIdOf(values), actorOf(user));
    default:
      return { status: 422, errors: { intent: 'errors.invalid' } };
  }
}

// `shown`: the page's query, whose search and page number the redirect keeps.
export async function rosterPost(
  db: Db,
  user: SessionUser,
  session: SessionView,
  form: FormData,
  shown?: URLSearchParams,
): Promise<RosterOutcome> {
  const values = formObject(form);
  if (NOTICE_INTENTS.has(values.intent ?? '')) return noticePost(db, user, session, values);
  const result = await run(db, user, session, form, values);
  const base = `/formateur/sessions/${session.id}`;
  if ('registration' in result) {
    if (values.intent === 'book')
      return { redirect: `${base}?inscription=${result.registration.id}${result.status === 200 ? '&deja=1' : ''}#ticket` };
    const notice = values.intent === 'promote' ? 'confirmedByHand' : 'registrationCancelled';
    const kept = new URLSearchParams([...(shown ?? [])].filter(([k]) => k === 'q' || k === 'page'));
    return { redirect: `${base}?${kept.size ? `${kept}&` : ''}fait=${notice}#r-${result.registration.id}` };
  }
  if ('errors' in result) return { values, errors: staffVoice(word(result.errors)) };
  return { values, errors: {}, failure: t('fr', result.error) };
}

// The booking rules speak to the parent ("pour vous inscrire"); here a trainer reads them.
function staffVoice(errors: Record<string, string>): Record<string, string> {
  return errors.consent ? { ...errors, consent: t('fr', 'trainerHome.consentForSomeone') } : errors;
}
