// The tracks endpoints' answers: a domain result to `{ track }`, or `{ error, errors }`.
import { json } from '~/platform/http/json';
import { trackJson } from '~/features/sessions/tracks.server';
import { failureResponse } from '~/features/sessions/trainer-api';
import type { TrackResult } from './track-admin.server';

export function trackResponse(result: TrackResult): Response {
  if ('track' in result) return json({ track: trackJson(result.track) }, result.status);
  return failureResponse(result);
}
