import type { APIRoute } from 'astro';
import { parseSessionQuery } from '../../../../lib/session-query';
import { getDb } from '../../../../lib/server/db';
import { json, jsonError, readJson } from '../../../../lib/server/http';
import { guardApi } from '../../../../lib/server/permissions';
import { createSessions } from '../../../../lib/server/session-admin';
import { listSessions, sessionJson } from '../../../../lib/server/sessions';
import { failureResponse, sessionResponse } from '../../../../lib/server/trainer-api';
import { parseSessionBody } from '../../../../lib/session-input';

export const GET: APIRoute = async ({ url }) => {
  const query = parseSessionQuery(url.searchParams);
  if (!query.ok) return jsonError(422, 'Paramètres de recherche invalides.', query.errors);
  const q = query.value;
  const sessions = await listSessions(getDb(), {
    audience: q.audience,
    arrondissement: q.arrondissement,
    schoolUai: q.school,
    from: q.from,
    to: q.to,
    language: q.language,
  });
  return json({ sessions: sessions.map(sessionJson) });
};

// A trainer (own organisation), Drane staff (teacher sessions) or an admin plans a session.
export const POST: APIRoute = async ({ request, locals }) => {
  const denied = guardApi(locals, 'manage-sessions');
  if (denied) return denied;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const draft = parseSessionBody(body.body);
  if (!draft.ok) return failureResponse({ status: 422, errors: draft.errors });
  return sessionResponse(await createSessions(getDb(), locals.user!, draft.value));
};
