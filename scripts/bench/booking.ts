// Booking throughput and latency on the built server (autocannon, 50 connections, a different
// person per request, rate limits on), beside its fair floors measured in the same run, in
// interleaved rounds: (a) bare node:http doing the booking's own statements on the same engine
// (floor-booking.ts), (b) a minimal Astro 7 app on the same adapter answering a POST with one
// insert (astro-floor/). The one-insert node:http baseline stays as context only.
import autocannon from 'autocannon';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import { rounds, summary, type BenchRow } from './measure';
import { startSqld } from '../../tests/helpers/sqld';
import { serveAstroFloor, serveBaseline, serveBookingFloor, servePortal, type Served } from './servers';
import { bookingRequest } from './booking-request';

// Enough seats that nearly every booking of every round gets one (a full session waitlists).
const SESSIONS = 2000;
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

async function fire(base: string, path: (n: number) => string) {
  const result = await autocannon({
    url: base,
    connections: 50,
    duration: DURATION,
    requests: [bookingRequest(path, 'Parent')],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors };
}

async function seed(databaseUrl: string, migrate: boolean): Promise<number> {
  const db = openDb(databaseUrl);
  try {
    if (migrate) {
      await prepareConnection(db, databaseUrl);
      await applyMigrations(db);
    }
    await createWorld(db);
    let first = 0;
    for (let i = 0; i < SESSIONS; i++) {
      const id = await createSession(db, { capacity: 30 });
      if (i === 0) first = id;
    }
    return first;
  } finally {
    db.$client.close();
  }
}

type Shot = Awaited<ReturnType<typeof fire>>;

export async function benchBooking(): Promise<BenchRow[]> {
  let floorFirst = 0;
  const servers: Served[] = [];
  try {
    const portal = await servePortal({ BACKGROUND_JOBS: 'off', RATE_LIMIT: 'on', TRUST_PROXY: '1' });
    servers.push(portal);
    const first = await seed(`file:${portal.dir}/bench.db`, false);
    const floor = await serveBookingFloor(async (url) => void (floorFirst = await seed(url, true)));
    servers.push(floor);
    const astro = await serveAstroFloor();
    servers.push(astro);
    const insert = await serveBaseline();
    servers.push(insert);
    // One instance on a libSQL server (sqld) on this machine, beside the embedded file.
    const sqld = await startSqld();
    servers.push({ url: sqld.url, dir: sqld.dir, stop: () => sqld.close() });
    const remote = await servePortal({ BACKGROUND_JOBS: 'off', RATE_LIMIT: 'on', TRUST_PROXY: '1', DATABASE_URL: sqld.url });
    servers.push(remote);
    const remoteFirst = await seed(sqld.url, false);
    const sessionPath = (start: number) => (n: number) => `/api/v1/sessions/${start + (n % SESSIONS)}/registrations`;
    const targets: Record<string, () => Promise<Shot>> = {
      booking: () => fire(portal.url, sessionPath(first)),
      floorA: () => fire(floor.url, sessionPath(floorFirst)),
      sqld: () => fire(remote.url, sessionPath(remoteFirst)),
      floorB: () => fire(astro.url, () => '/book'),
      insert: () => fire(insert.url, sessionPath(1)),
      health: async () => {
        const r = await autocannon({ url: `${portal.url}/api/v1/health`, connections: 50, duration: DURATION });
        return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors };
      },
    };
    const seen = await rounds(targets);
    const rps = (k: string) => seen[k]!.map((s) => s.rps);
    const p99 = (k: string) => seen[k]!.map((s) => s.p99);
    // Ratios per round (neighbours in time), then their median: the machine's drift cancels.
    const ratio = (k: string, floorKey: string) => seen[k]!.map((s, i) => s.rps / seen[floorKey]![i]!.rps);
    const bad = (k: string) => seen[k]!.reduce((n, s) => n + s.bad, 0);
    return [
      summary('floor (a): node:http doing the booking’s own statements (same engine, prepared) — throughput', rps('floorA'), 'req/s', {
        note: `p99 ${summary('', p99('floorA'), '').value} ms`,
      }),
      summary('floor (b): minimal Astro 7 app, same adapter, POST + one insert — throughput', rps('floorB'), 'req/s', {
        note: `p99 ${summary('', p99('floorB'), '').value} ms`,
      }),
      summary('context: node:http + one libSQL insert — throughput', rps('insert'), 'req/s'),
      summary('GET /api/v1/health (Astro pipeline + one SELECT) — throughput', rps('health'), 'req/s', {
        ratios: ratio('health', 'floorB'),
        note: 'ratio vs floor (b)',
      }),
      summary('POST booking (validation, rate limits, seat rule, outbox, audit) — throughput', rps('booking'), 'req/s', {
        ratios: ratio('booking', 'floorA'),
        note: `ratio vs floor (a), target ≥ 0.6; vs floor (b) ×${summary('', ratio('booking', 'floorB'), '').value.toFixed(2)}; ${bad('booking')} non-2xx or errors`,
      }),
      summary('POST booking, one instance on sqld (libSQL server) — throughput', rps('sqld'), 'req/s', {
        ratios: ratio('sqld', 'booking'),
        note: `ratio vs the embedded file in the same rounds, target ≥ 0.4; p99 ${summary('', p99('sqld'), '').value} ms; ${bad('sqld')} non-2xx or errors`,
      }),
      summary('POST booking — latency p99 at 50 connections', p99('booking'), 'ms', {
        note: `p50 ${
          summary(
            '',
            seen.booking!.map((s) => s.p50),
            '',
          ).value
        } ms; target p99 < 50 ms`,
      }),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
