import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, parseId, readJson } from '~/platform/http/json';
import { editSession } from '~/features/sessions/session-edit.server';
import { getSession, sessionJson } from '~/features/sessions/sessions.server';
import { actorOf, sessionForApi } from '~/features/sessions/trainer-access.server';
import { failureResponse, sessionResponse } from '~/features/sessions/trainer-api';
import { parseSessionPatch } from '~/features/sessions/session-input';

export const GET: APIRoute = async ({ params }) => {
  const id = parseId(params.id);
  const session = id ? await getSession(getDb(), id) : null;
  if (!session) return jsonError(404, "Cette session n'existe pas.");
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
