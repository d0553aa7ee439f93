// The trainer endpoints' answers: a domain result (status, translation keys) to the JSON of
// DESIGN.md, `{ error, errors }` on failure.
import { t } from '~/i18n';
import { json, jsonError } from '~/platform/http/json';
import { wordErrors } from '~/platform/text/field-errors';
import type { SessionResult } from './plan-sessions.server';
import { sessionJson } from './sessions.server';

type Failure =
  { status: 422; errors: Record<string, string> } | { status: number; error: string; params?: Record<string, string | number> };

export function failureResponse(result: Failure): Response {
  if ('errors' in result) {
    const errors = wordErrors('fr', result.errors);
    return jsonError(422, errors._ ?? t('fr', 'form.errorSummary'), errors);
  }
  return jsonError(result.status, t('fr', result.error, result.params));
}

export function sessionResponse(result: SessionResult): Response {
  if ('session' in result)
    return json({ session: sessionJson(result.session), ...(result.notified ? { notified: result.notified } : {}) }, result.status);
  return failureResponse(result);
}
