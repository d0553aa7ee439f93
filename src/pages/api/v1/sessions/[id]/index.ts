import type { APIRoute } from 'astro';
import { getDb } from '../../../../../lib/server/db';
import { json, jsonError, parseId } from '../../../../../lib/server/http';
import { getSession, sessionJson } from '../../../../../lib/server/sessions';

export const GET: APIRoute = async ({ params }) => {
  const id = parseId(params.id);
  const session = id ? await getSession(getDb(), id) : null;
  if (!session) return jsonError(404, 'Cette session n\'existe pas.');
  return json({ session: sessionJson(session) });
};
