// Booking throughput and latency on the built server (autocannon, 50 connections, a different
// person per request), beside the bare node:http + libSQL baseline measured in the same run.
import autocannon from 'autocannon';
import { join } from 'node:path';
import { openDb } from '~/platform/db/db.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import type { BenchRow } from './measure';
import { serveBaseline, servePortal } from './servers';

const SESSIONS = 500;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function fire(base: string, firstSession: number) {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: 50,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: autocannon.Request) => {
          n++;
          // A different person each time, from their own address (behind a proxy, as in
          // production), spread over many sessions like real traffic.
          return {
            ...req,
            headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
            path: `/api/v1/sessions/${firstSession + (n % SESSIONS)}/registrations`,
            body: JSON.stringify({
              firstName: `Parent${n}`,
              lastName: 'Bench',
              phone: `06${String(10_000_000 + n).slice(-8)}`,
              consent: true,
            }),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

export async function benchBooking(): Promise<BenchRow[]> {
  const baseline = await serveBaseline();
  const base = await fire(baseline.url, 1).finally(() => baseline.stop());

  // Rate limits on, as in production: every booking counts its address and its contact.
  const portal = await servePortal({ BACKGROUND_JOBS: 'off', RATE_LIMIT: 'on', TRUST_PROXY: '1' });
  const db = openDb(`file:${join(portal.dir, 'bench.db')}`);
  await createWorld(db);
  let first = 0;
  for (let i = 0; i < SESSIONS; i++) {
    const id = await createSession(db, { capacity: 30 });
    if (i === 0) first = id;
  }
  db.$client.close();
  const ours = await fire(portal.url, first);
  // The floor of the framework: the same server answering its cheapest endpoint.
  const floor = await Promise.resolve(autocannon({ url: `${portal.url}/api/v1/health`, connections: 50, duration: DURATION })).finally(() =>
    portal.stop(),
  );
  const note = (r: typeof ours) => `${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors`;
  return [
    { name: 'baseline: node:http + one libSQL insert — throughput', value: base.rps, unit: 'req/s', note: note(base) },
    { name: 'baseline — latency p50 / p99', value: base.p50, unit: `ms / ${base.p99} ms` },
    {
      name: 'GET /api/v1/health (Astro pipeline + one SELECT) — throughput',
      value: floor.requests.average,
      unit: 'req/s',
      ratio: floor.requests.average / base.rps,
      note: 'the ceiling any endpoint of this server can reach',
    },
    {
      name: 'POST booking (validation, rate limits, seat rule, outbox, audit) — throughput',
      value: ours.rps,
      unit: 'req/s',
      ratio: ours.rps / base.rps,
      note: `${note(ours)}; ratio is throughput vs baseline (higher is better, target ≥ 0.5)`,
    },
    { name: 'POST booking — latency p50 / p99', value: ours.p50, unit: `ms / ${ours.p99} ms`, note: 'target p99 < 50 ms' },
  ];
}
