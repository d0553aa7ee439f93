import type { APIRoute } from 'astro';
import { t } from '../../../../../i18n';
import { requestBooking } from '../../../../../lib/server/booking';
import { getDb } from '../../../../../lib/server/db';
import { json, jsonError, parseId, readJson, translateErrors } from '../../../../../lib/server/http';
import { bookerFromLocals } from '../../../../../lib/server/booker';
import { registrationJson } from '../../../../../lib/server/registration';

export const POST: APIRoute = async ({ params, request, locals }) => {
  const sessionId = parseId(params.id);
  if (!sessionId) return jsonError(404, t('fr', 'errors.sessionNotFound'));
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const result = await requestBooking(getDb(), { sessionId, body: body.body, user: bookerFromLocals(locals) });
  if (result.status === 422) return jsonError(422, t('fr', 'form.errorSummary'), translateErrors(result.errors));
  if ('error' in result) return jsonError(result.status, t('fr', result.error));
  return json({ registration: registrationJson(result.registration, result.manageToken) }, result.status);
};
