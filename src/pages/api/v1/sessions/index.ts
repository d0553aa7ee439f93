import type { APIRoute } from 'astro';
import { parseSessionQuery } from '../../../../lib/session-query';
import { getDb } from '../../../../lib/server/db';
import { json, jsonError } from '../../../../lib/server/http';
import { listSessions, sessionJson } from '../../../../lib/server/sessions';

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
