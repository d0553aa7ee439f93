import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json, readJson } from '~/platform/http/json';
import { guardApi } from '~/features/auth/permissions';
import { listTracks, trackJson, trackSummaryJson } from '~/features/sessions/tracks.server';
import { createTrack } from '~/features/tracks/track-admin.server';
import { trackResponse } from '~/features/tracks/track-api';
import { parseTrackBody } from '~/features/tracks/track-input';
import { failureResponse } from '~/features/sessions/trainer-api';

// Anyone reads the tracks offered; `?details=1` adds hours, GAIA module and texts, `?retired=1`
// the retired tracks.
export const GET: APIRoute = async ({ url }) => {
  const list = await listTracks(getDb(), { includeRetired: url.searchParams.get('retired') === '1' });
  return json({ tracks: list.map(url.searchParams.get('details') === '1' ? trackJson : trackSummaryJson) });
};

// Drane staff and admins create teacher tracks, the Ligue's coordinators and trainers parent ones.
export const POST: APIRoute = async ({ request, locals }) => {
  const denied = guardApi(locals, 'manage-tracks');
  if (denied) return denied;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const draft = parseTrackBody(body.body);
  if (!draft.ok) return failureResponse({ status: 422, errors: draft.errors });
  return trackResponse(await createTrack(getDb(), locals.user!, draft.value));
};
