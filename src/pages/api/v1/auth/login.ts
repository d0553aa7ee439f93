// POST /api/v1/auth/login { email, password, totp? } → 200 { user } and the session cookie;
// 401 with one message whether the email or the password was wrong; for an account with
// two-factor on, a right password without a (right) code is 401 { error, totpRequired: true }.
import type { APIRoute } from 'astro';
import { t } from '~/i18n';
import { credentialsInput, parseInput } from '~/features/auth/auth-input';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, readJson } from '~/platform/http/json';
import { wordErrors } from '~/platform/text/field-errors';
import { clientAddress, tooManyRequests } from '~/platform/http/rate-limit.server';
import { setSessionCookieFor } from '~/features/auth/sign-in-session.server';
import { signIn } from '~/features/auth/sign-in.server';

export const POST: APIRoute = async (context) => {
  const lang = context.locals.lang;
  const body = await readJson(context.request);
  if (!body.ok) return body.response;
  const parsed = parseInput(credentialsInput, body.body);
  if (!parsed.ok) return jsonError(422, t(lang, 'auth.errors.summary'), wordErrors(lang, parsed.errors));
  const result = await signIn(getDb(), { ...parsed.value, address: clientAddress(context) });
  if (!result.ok) {
    if (result.reason === 'rate-limited') return tooManyRequests(result.retryAfterSeconds);
    if (result.reason === 'invalid') return jsonError(401, t(lang, 'auth.login.invalid'));
    const error = t(lang, result.reason === 'totp-required' ? 'twoFactor.required' : 'twoFactor.invalid');
    return json({ error, totpRequired: true }, 401);
  }
  setSessionCookieFor(context, result.token, result.session.expiresAt);
  const { id, name, role } = result.user;
  return json({ user: { id, name, role } });
};
