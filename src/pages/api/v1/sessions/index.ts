import type { APIRoute } from 'astro';
import { parseSessionQuery } from '~/features/catalog/catalog-query';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, readJson } from '~/platform/http/json';
import { guardApi } from '~/features/auth/permissions';
import { createSessions } from '~/features/sessions/plan-sessions.server';
import { listSessions, sessionJson } from '~/features/sessions/sessions.server';
import { failureResponse, sessionResponse } from '~/features/sessions/trainer-api';
import { parseSessionBody } from '~/features/sessions/session-input';
import { courseBody } from '~/features/courses/course-dates';

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
  // With `dates`, one course over them, booked once.
  const course = courseBody(body.body);
  if (course.dates && !course.dates.ok) return failureResponse({ status: 422, errors: course.dates.errors });
  const draft = parseSessionBody(course.body);
  if (!draft.ok) return failureResponse({ status: 422, errors: draft.errors });
  const dates = course.dates?.ok ? course.dates.value : undefined;
  return sessionResponse(await createSessions(getDb(), locals.user!, draft.value, undefined, undefined, { dates }));
};
