// What the account pages share: reading a posted form, wording field errors, the
// password-from-a-link flow.
import { formObject, newPasswordInput, parseInput } from '~/features/auth/auth-input';
import { getDb } from '~/platform/db/db.server';
import { setPasswordFromLink } from '~/features/auth/password-reset.server';
import { setSessionCookieFor } from '~/features/auth/sign-in-session.server';
import { peekUserToken } from '~/features/auth/user-tokens.server';
import { wordErrors } from '~/platform/text/field-errors';

export async function readForm(request: Request): Promise<Record<string, string>> {
  try {
    return formObject(await request.formData());
  } catch {
    return {};
  }
}

export interface PasswordLinkState {
  holder: { name: string; email: string } | null;
  errors: Record<string, string>;
}

type PageContext = Parameters<typeof setSessionCookieFor>[0] & {
  params: Record<string, string | undefined>;
  locals: App.Locals;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308): Response;
};

// The reset and invitation pages: show the form while the link is valid; on POST set the
// password, sign the person in and go to their space.
export async function handlePasswordLink(
  context: PageContext,
  purpose: 'reset-password' | 'invite',
): Promise<Response | PasswordLinkState> {
  const token = context.params.token ?? '';
  const db = getDb();
  const record = await peekUserToken(db, token, purpose);
  const holder = record && { name: record.name, email: record.email };
  if (!holder || context.request.method !== 'POST') return { holder, errors: {} };
  const parsed = parseInput(newPasswordInput, await readForm(context.request));
  const result = parsed.ok ? await setPasswordFromLink(db, { token, password: parsed.value.password, purpose }) : parsed;
  if (result.ok && !result.token) return context.redirect('/login', 303);
  if (result.ok) {
    setSessionCookieFor(context, result.token, result.session.expiresAt);
    return context.redirect('/espace?passwordSet=1', 303);
  }
  if ('errors' in result) return { holder, errors: wordErrors(context.locals.lang, result.errors) };
  return { holder: null, errors: {} };
}
