import type { APIRoute } from 'astro';
import { getDb } from '../../../../../lib/server/db';
import { json, jsonError, parseId, readJson } from '../../../../../lib/server/http';
import { editSession } from '../../../../../lib/server/session-edit';
import { getSession, sessionJson } from '../../../../../lib/server/sessions';
import { actorOf, sessionForApi } from '../../../../../lib/server/trainer-access';
import { failureResponse, sessionResponse } from '../../../../../lib/server/trainer-api';
import { parseSessionPatch } from '../../../../../lib/session-input';

export const GET: APIRoute = async ({ params }) => {
  const id = parseId(params.id);
  const session = id ? await getSession(getDb(), id) : null;
  if (!session) return jsonError(404, 'Cette session n\'existe pas.');
  return json({ session: sessionJson(session) });
};

// Reschedule, move or change capacity (and the details attendees need not hear about):
// attendees get the updated invite, a raised capacity promotes from the waitlist.
export const PATCH: APIRoute = async ({ params, request, locals }) => {
  const access = await sessionForApi(locals, params.id, 'manage-session');
  if (!access.ok) return access.response;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const edit = parseSessionPatch(body.body);
  if (!edit.ok) return failureResponse({ status: 422, errors: edit.errors });
  return sessionResponse(await editSession(getDb(), access.value, edit.value, actorOf(locals.user!)));
};
