import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json } from '~/platform/http/json';
import { listTracks, trackJson } from '~/features/sessions/tracks.server';

export const GET: APIRoute = async () => json({ tracks: (await listTracks(getDb())).map(trackJson) });
