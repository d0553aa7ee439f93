// The roster page's forms about telling people: message everyone booked, tick "j'ai appelé".
import { t } from '~/i18n';
import type { Db } from '~/platform/db/db.server';
import { can } from '~/features/auth/permissions';
import type { SessionView } from '~/features/sessions/sessions.server';
import { actorOf, sessionRef } from '~/features/sessions/trainer-access.server';
import { notifiedQuery } from '~/features/sessions/session-forms.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { markCalled, untoldOfSession } from './notices.server';
import { parseTrainerMessage } from './session-message';
import { messageEveryoneBooked } from './session-message.server';

export const NOTICE_INTENTS = new Set(['message', 'called']);

export type NoticeOutcome = { redirect: string } | { values: Record<string, string>; errors: Record<string, string>; failure?: string };

export async function noticePost(db: Db, user: SessionUser, session: SessionView, values: Record<string, string>): Promise<NoticeOutcome> {
  const base = `/formateur/sessions/${session.id}`;
  if (!can(user, 'manage-session', sessionRef(session))) return { values, errors: {}, failure: t('fr', 'auth.errors.forbidden') };
  if (values.intent === 'called') {
    const id = Number(values.noticeId);
    const entry = (await untoldOfSession(db, session.id)).find((n) => n.id === id);
    if (entry) await markCalled(db, session.id, id, actorOf(user));
    const name = entry ? `${entry.firstName ?? ''} ${entry.lastName ?? ''}`.trim() : '';
    return { redirect: `${base}?fait=called&nom=${encodeURIComponent(name)}#appeler` };
  }
  if (session.status !== 'scheduled') return { values, errors: {}, failure: t('fr', 'trainer.errors.sessionCancelled') };
  const parsed = parseTrainerMessage(values);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, t('fr', key)]));
    return { values, errors };
  }
  const { people, notified } = await messageEveryoneBooked(db, session.id, parsed.value, actorOf(user));
  return { redirect: `${base}?fait=messaged&n=${people}${notifiedQuery(notified)}` };
}
