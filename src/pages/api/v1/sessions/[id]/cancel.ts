// Cancelled by its organiser, with a reason: everyone booked or waiting is told.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../../lib/server/db';
import { readJson } from '../../../../../lib/server/http';
import { cancelWithReason } from '../../../../../lib/server/session-edit';
import { actorOf, sessionForApi } from '../../../../../lib/server/trainer-access';
import { failureResponse, sessionResponse } from '../../../../../lib/server/trainer-api';
import { parseCancel } from '../../../../../lib/session-input';

export const POST: APIRoute = async ({ params, request, locals }) => {
  const access = await sessionForApi(locals, params.id, 'manage-session');
  if (!access.ok) return access.response;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const input = parseCancel(body.body);
  if (!input.ok) return failureResponse({ status: 422, errors: input.errors });
  return sessionResponse(await cancelWithReason(getDb(), access.value, input.value.reason, actorOf(locals.user!)));
};
