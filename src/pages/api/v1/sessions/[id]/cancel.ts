// Cancelled by its organiser, with a reason: everyone booked or waiting is told.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { readJson } from '~/platform/http/json';
import { cancelWithReason } from '~/features/sessions/session-edit.server';
import { actorOf, sessionForApi } from '~/features/sessions/trainer-access.server';
import { failureResponse, sessionResponse } from '~/features/sessions/trainer-api';
import { parseCancel } from '~/features/sessions/session-input';

export const POST: APIRoute = async ({ params, request, locals }) => {
  const access = await sessionForApi(locals, params.id, 'manage-session');
  if (!access.ok) return access.response;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const input = parseCancel(body.body);
  if (!input.ok) return failureResponse({ status: 422, errors: input.errors });
  return sessionResponse(await cancelWithReason(getDb(), access.value, input.value.reason, actorOf(locals.user!)));
};
