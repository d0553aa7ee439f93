import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError } from '~/platform/http/json';

// For load balancers: 200 when this instance can reach its database, 503 otherwise.
export const GET: APIRoute = async () => {
  try {
    await getDb().run(sql`select 1`);
    return json({ status: 'ok' });
  } catch {
    return jsonError(503, 'La base de données ne répond pas.', undefined, { 'Retry-After': '5' });
  }
};
