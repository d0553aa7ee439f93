// GET /metrics: the Prometheus text, only for a request with `Authorization: Bearer
// <METRICS_TOKEN>`. Without the token set, or with a wrong one, the path does not exist (404),
// so it tells nobody there is something to guess.
import { timingSafeEqual } from 'node:crypto';
import { config } from '~/platform/config/config';
import { getDb } from '~/platform/db/db.server';
import { registerDatabaseMetrics } from './database-metrics.server';
import { registry } from './metrics';

let registered = false;

function authorised(request: Request, token: string | undefined): boolean {
  if (!token) return false;
  const given = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function metricsResponse(request: Request, token = config.metricsToken): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  if (!authorised(request, token))
    return new Response('Not found', { status: 404, headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!registered) {
    registered = true;
    registerDatabaseMetrics(getDb);
  }
  return new Response(await registry.metrics(), { headers: { ...noStore, 'Content-Type': registry.contentType } });
}
