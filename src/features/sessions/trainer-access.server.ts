// Finding the session (or registration) a trainer page or endpoint acts on, and asking
// permissions.ts whether this person may: the role first, so strangers learn nothing (not
// even whether a session exists), then the session itself.
import type { APIContext, AstroGlobal } from 'astro';
import { t, type Lang } from '~/i18n';
import type { Actor } from '~/features/audit/audit.server';
import { getDb } from '~/platform/db/db.server';
import { jsonError, parseId } from '~/platform/http/json';
import { guardApi, guardPage, type Permission, type SessionRef } from '~/features/auth/permissions';
import { getRegistration, type Registration } from '~/features/registration/find-registration.server';
import { getSession, type SessionView } from './sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';

export type Access<T> = { ok: true; value: T } | { ok: false; response: Response };

export function sessionRef(s: SessionView): SessionRef {
  return { organisationId: s.organisation.id, audience: s.audience, organisationAudience: s.organisation.audience, trainerId: s.trainerId };
}

export function actorOf(user: SessionUser): Actor {
  return { kind: 'user', userId: user.id };
}

export async function sessionForApi(locals: App.Locals, idParam: string | undefined, permission: Permission): Promise<Access<SessionView>> {
  const denied = guardApi(locals, permission);
  if (denied) return { ok: false, response: denied };
  const id = parseId(idParam);
  const session = id ? await getSession(getDb(), id) : null;
  if (!session) return { ok: false, response: jsonError(404, t('fr', 'errors.sessionNotFound')) };
  const forbidden = guardApi(locals, permission, sessionRef(session));
  return forbidden ? { ok: false, response: forbidden } : { ok: true, value: session };
}

export async function registrationForApi(
  locals: App.Locals,
  idParam: string | undefined,
  permission: Permission,
): Promise<Access<{ registration: Registration; session: SessionView }>> {
  const denied = guardApi(locals, permission);
  if (denied) return { ok: false, response: denied };
  const id = parseId(idParam);
  const registration = id ? await getRegistration(getDb(), id) : null;
  const session = registration ? await getSession(getDb(), registration.sessionId) : null;
  if (!registration || !session) return { ok: false, response: jsonError(404, t('fr', 'trainer.errors.registrationNotFound')) };
  const forbidden = guardApi(locals, permission, sessionRef(session));
  return forbidden ? { ok: false, response: forbidden } : { ok: true, value: { registration, session } };
}

type PageContext = Pick<AstroGlobal | APIContext, 'locals' | 'url' | 'redirect' | 'params'>;

export async function sessionForPage(context: PageContext, permission: Permission): Promise<Access<SessionView>> {
  const denied = guardPage(context, permission);
  if (denied) return { ok: false, response: denied };
  const id = parseId(context.params.id);
  const session = id ? await getSession(getDb(), id) : null;
  if (!session) return { ok: false, response: notFoundPage(context.locals.lang ?? 'fr') };
  const forbidden = guardPage(context, permission, sessionRef(session));
  return forbidden ? { ok: false, response: forbidden } : { ok: true, value: session };
}

function notFoundPage(lang: Lang): Response {
  const title = t(lang, 'errors.sessionNotFound');
  const body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head><body style="font:1.0625rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>${title}</h1><p><a href="/formateur">${t(lang, 'trainer.back')}</a></p></body></html>`;
  return new Response(body, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
