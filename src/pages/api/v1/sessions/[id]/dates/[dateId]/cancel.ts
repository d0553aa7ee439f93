// One date of a course cancelled, with a reason: everyone booked or waiting is told.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { readJson } from '~/platform/http/json';
import { cancelDate } from '~/features/courses/date-edit.server';
import { actorOf, sessionForApi } from '~/features/sessions/trainer-access.server';
import { sessionResponse } from '~/features/sessions/trainer-api';

export const POST: APIRoute = async ({ params, request, locals }) => {
  const access = await sessionForApi(locals, params.id, 'manage-session');
  if (!access.ok) return access.response;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return sessionResponse(await cancelDate(getDb(), access.value, Number(params.dateId), body.body, actorOf(locals.user!)));
};
