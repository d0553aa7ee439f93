import type { APIRoute } from 'astro';
import { t } from '~/i18n';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, parseId, readJson } from '~/platform/http/json';
import { guardApi } from '~/features/auth/permissions';
import { getTrack, trackJson } from '~/features/sessions/tracks.server';
import { changeTrack } from '~/features/tracks/track-admin.server';
import { trackResponse } from '~/features/tracks/track-api';
import { parseTrackChange } from '~/features/tracks/track-input';
import { failureResponse } from '~/features/sessions/trainer-api';

export const GET: APIRoute = async ({ params }) => {
  const id = parseId(params.id);
  const track = id ? await getTrack(getDb(), id) : null;
  return track ? json({ track: trackJson(track) }) : jsonError(404, t('fr', 'tracks.errors.notFound'));
};

// Edit or retire (`{ retired: true }`) a track; its past sessions keep it.
export const PATCH: APIRoute = async ({ params, request, locals }) => {
  const denied = guardApi(locals, 'manage-tracks');
  if (denied) return denied;
  const id = parseId(params.id);
  if (!id) return jsonError(404, t('fr', 'tracks.errors.notFound'));
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const change = parseTrackChange(body.body);
  if (!change.ok) return failureResponse({ status: 422, errors: change.errors });
  return trackResponse(await changeTrack(getDb(), locals.user!, id, change.value));
};
