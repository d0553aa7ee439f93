import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/server/db';
import { json } from '../../../lib/server/http';
import { listTracks, trackJson } from '../../../lib/server/tracks';

export const GET: APIRoute = async () => json({ tracks: (await listTracks(getDb())).map(trackJson) });
