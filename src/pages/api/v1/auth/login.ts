// POST /api/v1/auth/login { email, password } → 200 { user } and the session cookie;
// 401 with one message whether the email or the password was wrong.
import type { APIRoute } from 'astro';
import { t } from '../../../../i18n';
import { credentialsInput, parseInput } from '../../../../lib/auth-input';
import { getDb } from '../../../../lib/server/db';
import { json, jsonError, readJson, translateErrors } from '../../../../lib/server/http';
import { clientAddress, tooManyRequests } from '../../../../lib/server/rate-limit';
import { setSessionCookieFor } from '../../../../lib/server/session';
import { signIn } from '../../../../lib/server/sign-in';

export const POST: APIRoute = async (context) => {
  const lang = context.locals.lang;
  const body = await readJson(context.request);
  if (!body.ok) return body.response;
  const parsed = parseInput(credentialsInput, body.body);
  if (!parsed.ok) return jsonError(422, t(lang, 'auth.errors.summary'), translateErrors(parsed.errors, lang));
  const result = await signIn(getDb(), { ...parsed.value, address: clientAddress(context) });
  if (!result.ok) {
    return result.reason === 'rate-limited' ? tooManyRequests(result.retryAfterSeconds) : jsonError(401, t(lang, 'auth.login.invalid'));
  }
  setSessionCookieFor(context, result.token, result.session.expiresAt);
  const { id, name, role } = result.user;
  return json({ user: { id, name, role } });
};
