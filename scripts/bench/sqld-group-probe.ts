// `npx tsx scripts/bench/sqld-group-probe.ts`: the portal's libSQL client alone (no HTTP server
// in front), 50 callers each sending a booking-sized write batch (5 inserts) then a read, for
// DURATION seconds, through the write gate with and without group commit. Shows what grouping
// gives at the database without the portal's own CPU in the way; interleaved rounds, medians.
import { readFileSync } from 'node:fs';
import type { InStatement } from '@libsql/client';
import { openClient } from '~/platform/db/db-client.server';
import { startSqld } from '../../tests/helpers/sqld';

const VARIANTS = (process.env.VARIANTS ?? '1x1,1x16,2x1,2x16').split(',').map((v) => v.split('x').map(Number) as [number, number]);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DURATION = Number(process.env.DURATION ?? 4) * 1000;
const CALLERS = Number(process.env.CALLERS ?? 50);

async function run(writers: number, group: number) {
  const sqld = await startSqld();
  const client = openClient({ url: sqld.url, busyBudgetMs: 5_000, remoteWriters: writers, writeGroup: group });
  try {
    await client.execute('create table t (id integer primary key, a text, b integer)');
    let n = 0;
    const lat: number[] = [];
    const until = performance.now() + DURATION;
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, c) => {
        while (performance.now() < until) {
          const t = performance.now();
          const rows: InStatement[] = [0, 1, 2, 3, 4].map((k) => ({ sql: 'insert into t (a, b) values (?, ?)', args: [`c${c}`, k] }));
          await client.batch(rows, 'write');
          await client.execute({ sql: 'select count(*) from t where a = ?', args: [`c${c}`] });
          lat.push(performance.now() - t);
          n++;
        }
      }),
    );
    lat.sort((a, b) => a - b);
    return { rps: (n * 1000) / DURATION, p99: lat[Math.floor(lat.length * 0.99)] ?? 0 };
  } finally {
    client.close();
    await sqld.close();
  }
}

const out = new Map<string, { rps: number; p99: number }[]>();
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (let r = 0; r < ROUNDS; r++) {
  for (const [w, g] of r % 2 ? [...VARIANTS].reverse() : VARIANTS) {
    const s = await run(w, g);
    const key = `writers ${w}, group ${g}`;
    out.set(key, [...(out.get(key) ?? []), s]);
    console.log(`round ${r + 1} ${key}: ${Math.round(s.rps)} writes+reads/s, p99 ${Math.round(s.p99)} ms`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [key, s] of out) {
  const rps = s.map((x) => x.rps);
  console.log(
    `${key.padEnd(20)} median ${Math.round(median(rps))}/s (${Math.round(Math.min(...rps))}–${Math.round(Math.max(...rps))}), p99 ${Math.round(median(s.map((x) => x.p99)))} ms`,
  );
}

// The embedded file, for comparison: its batches run synchronously to the end (local-client),
// so nothing ever queues; grouping there would mean holding batches back. What it could save:
// µs per booking-sized batch alone, and when 16 go as one transaction.
if (process.env.FILE !== 'off') {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-group-file-'));
  const client = openClient({ url: `file:${join(dir, 'f.db')}`, busyBudgetMs: 5_000 });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute('create table t (id integer primary key, a text, b integer)');
  await client.execute('create index t_a on t (a)');
  const batch = (i: number): InStatement[] =>
    [0, 1, 2, 3, 4].map((k) => ({ sql: 'insert into t (a, b) values (?, ?)', args: [`p${i}`, k] }));
  const N = 4_000;
  const per: Record<string, number[]> = { alone: [], 'grouped by 16': [] };
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    for (let i = 0; i < N; i++) await client.batch(batch(i), 'write');
    per.alone!.push(((performance.now() - t) * 1000) / N);
    t = performance.now();
    for (let i = 0; i < N; i += 16) await client.batch(Array.from({ length: 16 }, (_, k) => batch(i + k)).flat(), 'write');
    per['grouped by 16']!.push(((performance.now() - t) * 1000) / N);
  }
  for (const [k, v] of Object.entries(per))
    console.log(
      `file, ${k}: ${median(v).toFixed(1)} µs per booking-sized batch (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`,
    );
  client.close();
  rmSync(dir, { recursive: true, force: true });
}

// What a request costs sqld against the size of the schema: a `select 1`, one request at a time,
// with 0, 100 and 400 tables (each with an index). The portal's schema is 45 tables, 57 indexes
// and 30 triggers. If the cost grows with the schema, sqld reads it again for every request.
if (process.env.SCHEMA !== 'off') {
  const { readdirSync } = await import('node:fs');
  const { createClient } = await import('@libsql/client');
  const sqldCpu = () => {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        if (Number(f[1]) === process.pid && st.includes('(sqld)')) return (Number(f[11]) + Number(f[12])) * 10;
      } catch {
        // Gone meanwhile.
      }
    }
    return 0;
  };
  for (const tables of [0, 100, 400, 0, 100, 400]) {
    const sqld = await startSqld();
    const c = createClient({ url: sqld.url });
    for (let i = 0; i < tables; i += 50) {
      const ddl = Array.from(
        { length: 50 },
        (_, k) => `create table t${i + k} (id integer primary key, a text, b integer); create index i${i + k} on t${i + k} (a, b);`,
      );
      await c.executeMultiple(ddl.join('\n'));
    }
    for (let i = 0; i < 50; i++) await c.execute('select 1');
    const before = sqldCpu();
    const t = performance.now();
    const N = 500;
    for (let i = 0; i < N; i++) await c.execute('select 1');
    console.log(
      `${tables} tables: select 1 ${((performance.now() - t) / N).toFixed(2)} ms wall, ${Math.round(((sqldCpu() - before) * 1000) / N)} µs sqld CPU`,
    );
    c.close();
    await sqld.close();
  }
}
