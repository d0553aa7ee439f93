// `npx tsx scripts/bench/sqld-writers.ts`: bookings through one portal on one sqld, for several
// write-gate sizes (DATABASE_WRITE_CONCURRENCY) with and without group commit
// (DATABASE_WRITE_GROUP, 1 = each batch alone). Variants run in interleaved rounds, each on a
// fresh sqld and portal; printed: the median and spread of req/s and p99 at 50 connections, and
// the CPU the portal and sqld spent per booking (from /proc, so a busy machine shows as wall time,
// not as CPU). Then a probe of what one HTTP request costs inside sqld, sent one at a time.
// WRITERS=1,2,4 GROUP_SIZES=1,16 ROUNDS=3 DURATION=5 CONNECTIONS=50 (8 writers froze sqld 0.24.32).
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createClient, type InStatement } from '@libsql/client';
import { openDb } from '~/platform/db/db.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import { startSqld } from '../../tests/helpers/sqld';
import { servePortal } from './servers';
import { bookingRequest } from './booking-request';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number);
const WRITERS = list('WRITERS', '1,2,4');
const GROUPS = list('GROUP_SIZES', '1,16');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DURATION = Number(process.env.DURATION ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SESSIONS = 500;
const TICK_MS = 1000 / 100; // USER_HZ

// CPU (user + system, ms) of this process's children, by command name: sqld, and node for the portal.
function childCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[1]) !== process.pid) continue;
    // The portal's node names its main thread; tsx's esbuild and the reaper shell are left out.
    const key = name === 'sqld' ? 'sqld' : name === 'MainThread' || name === 'node' ? 'portal' : null;
    if (!key) continue;
    out[key] = (out[key] ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS;
  }
  return out;
}

async function fire(base: string, start: number, connections: number, duration: number) {
  const r = await autocannon({
    url: base,
    connections,
    duration,
    requests: [bookingRequest((n) => `/api/v1/sessions/${start + (n % SESSIONS)}/registrations`)],
  });
  return { rps: r.requests.average, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors };
}

interface Sample {
  rps: number;
  p99: number;
  bad: number;
  portalUs: number;
  sqldUs: number;
}

async function run(writers: number, group: number): Promise<Sample> {
  const sqld = await startSqld();
  const portal = await servePortal({
    BACKGROUND_JOBS: 'off',
    RATE_LIMIT: 'on',
    TRUST_PROXY: '1',
    DATABASE_URL: sqld.url,
    DATABASE_WRITE_CONCURRENCY: String(writers),
    DATABASE_WRITE_GROUP: String(group),
  });
  try {
    const db = openDb(sqld.url);
    await createWorld(db);
    let first = 0;
    for (let i = 0; i < SESSIONS; i++) {
      const id = await createSession(db, { capacity: 30 });
      if (i === 0) first = id;
    }
    db.$client.close();
    await fire(portal.url, first, 10, 2);
    const before = childCpu();
    const r = await fire(portal.url, first, CONNECTIONS, DURATION);
    const after = childCpu();
    const per = (key: string) => (((after[key] ?? 0) - (before[key] ?? 0)) * 1000) / Math.max(1, r.ok + r.bad);
    return { rps: r.rps, p99: r.p99, bad: r.bad, portalUs: per('portal'), sqldUs: per('sqld') };
  } finally {
    await portal.stop();
    await sqld.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

// What one HTTP request costs inside sqld, requests sent one after another: wall time seen by
// the client and sqld's own CPU, for a read, a one-row write batch and a 16-booking-sized one.
async function probe() {
  const sqld = await startSqld();
  const client = createClient({ url: sqld.url });
  try {
    await client.execute('create table t (id integer primary key, a text, b integer)');
    const row = (i: number): InStatement => ({ sql: 'insert into t (a, b) values (?, ?)', args: [`row ${i}`, i] });
    const shapes: [string, (i: number) => Promise<unknown>][] = [
      ['select 1 (execute)', () => client.execute('select 1')],
      ['write batch, 1 insert', (i) => client.batch([row(i)], 'write')],
      [
        'write batch, 5 inserts (one booking)',
        (i) =>
          client.batch(
            [0, 1, 2, 3, 4].map((k) => row(i * 5 + k)),
            'write',
          ),
      ],
      [
        'write batch, 80 inserts (16 bookings)',
        (i) =>
          client.batch(
            Array.from({ length: 80 }, (_, k) => row(i * 80 + k)),
            'write',
          ),
      ],
    ];
    console.log('\nOne HTTP request to sqld at a time (median wall ms, sqld CPU µs per request):');
    for (const [name, send] of shapes) {
      for (let i = 0; i < 50; i++) await send(i);
      const walls: number[] = [];
      const before = childCpu().sqld ?? 0;
      const N = 400;
      for (let i = 0; i < N; i++) {
        const t = performance.now();
        await send(1000 + i);
        walls.push(performance.now() - t);
      }
      const cpu = (((childCpu().sqld ?? 0) - before) * 1000) / N;
      console.log(
        `  ${name.padEnd(40)} ${median(walls).toFixed(2)} ms, p90 ${[...walls].sort((a, b) => a - b)[Math.floor(N * 0.9)]!.toFixed(2)} ms, ${Math.round(cpu)} µs CPU`,
      );
    }
    // The same read from 50 callers at once: what a request costs sqld when many wait.
    const before = childCpu().sqld ?? 0;
    let n = 0;
    const until = performance.now() + 3_000;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < until) await client.execute('select 1').then(() => n++);
      }),
    );
    console.log(
      `  select 1, 50 callers at once: ${Math.round(n / 3)} req/s, ${Math.round((((childCpu().sqld ?? 0) - before) * 1000) / n)} µs sqld CPU per request`,
    );
  } finally {
    client.close();
    await sqld.close();
  }
}

const variants = WRITERS.flatMap((w) => GROUPS.map((g) => ({ w, g })));
const samples = new Map<string, Sample[]>();
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (let round = 0; round < ROUNDS; round++) {
  for (const { w, g } of round % 2 ? [...variants].reverse() : variants) {
    const s = await run(w, g);
    const key = `writers ${w}, group ${g}`;
    samples.set(key, [...(samples.get(key) ?? []), s]);
    console.log(
      `round ${round + 1} ${key}: ${Math.round(s.rps)} req/s, p99 ${s.p99} ms, bad ${s.bad}, CPU/booking portal ${Math.round(s.portalUs)} µs, sqld ${Math.round(s.sqldUs)} µs`,
    );
  }
}
console.log(
  `\nMedian of ${ROUNDS} rounds at ${CONNECTIONS} connections (spread), load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}:`,
);
for (const [key, s] of samples) {
  const rps = s.map((x) => x.rps);
  const p99 = s.map((x) => x.p99);
  console.log(
    `  ${key.padEnd(22)} ${Math.round(median(rps))} req/s (${spread(rps)}), p99 ${median(p99)} ms (${spread(p99)}), ` +
      `CPU/booking portal ${Math.round(median(s.map((x) => x.portalUs)))} µs, sqld ${Math.round(median(s.map((x) => x.sqldUs)))} µs, bad ${s.reduce((a, x) => a + x.bad, 0)}`,
  );
}
if (process.env.PROBE !== 'off') await probe();
