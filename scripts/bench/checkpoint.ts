// `npx tsx scripts/bench/checkpoint.ts [--rounds N] [--count N]`: bookings in-process, one after
// the other, with SQLite's automatic WAL checkpoint (inside a COMMIT, on this thread) and with
// the checkpoint worker (checkpointer.server.ts), in alternating fresh databases: wall time per
// booking, its p99 and worst case, and the WAL's size at the end.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { startCheckpointer } from './checkpointer';
import { bookSeat } from '~/features/registration/book-seat.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import { median } from './measure';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = option('count', 5000);

async function run(worker: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  const path = join(dir, 'bench.db');
  const url = `file:${path}`;
  const db = openDb(url);
  await prepareConnection(db, url);
  await applyMigrations(db);
  await createWorld(db);
  const ids: number[] = [];
  for (let i = 0; i < 500; i++) ids.push(await createSession(db, { capacity: 30 }));
  if (worker) {
    startCheckpointer(db.$client, path);
    await new Promise((r) => setTimeout(r, 300));
  }
  const times: number[] = [];
  const start = performance.now();
  for (let n = 0; n < COUNT; n++) {
    const t = performance.now();
    await bookSeat(db, {
      sessionId: ids[n % ids.length]!,
      person: {
        firstName: `P${n}`,
        lastName: 'B',
        email: null,
        phone: `+336${String(10_000_000 + n).slice(-8)}`,
        schoolUai: null,
        language: 'fr',
        adults: 1,
      },
      actor: { kind: 'anonymous' },
    });
    times.push(performance.now() - t);
    // Let the event loop breathe now and then, as a server between requests.
    if (n % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  const wall = (performance.now() - start) / COUNT;
  const sorted = [...times].sort((a, b) => a - b);
  const wal = statSync(`${path}-wal`).size / 4096;
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  return { wall, p99: sorted[Math.floor(COUNT * 0.99)]!, max: sorted[COUNT - 1]!, wal };
}

const seen: Record<string, { wall: number[]; p99: number[]; max: number[]; wal: number[] }> = {};
for (let round = 0; round < option('rounds', 3); round++) {
  for (const worker of round % 2 ? [true, false] : [false, true]) {
    const r = await run(worker);
    const s = (seen[worker ? 'worker' : 'automatic'] ??= { wall: [], p99: [], max: [], wal: [] });
    for (const k of ['wall', 'p99', 'max', 'wal'] as const) s[k].push(r[k]);
    console.log(
      `${worker ? 'worker' : 'automatic'}: ${r.wall.toFixed(3)} ms/booking, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms, WAL ${r.wal} pages`,
    );
  }
}
console.log('\n| checkpoints | ms per booking | p99 ms | worst ms | WAL pages at the end |\n|---|---:|---:|---:|---:|');
for (const [k, s] of Object.entries(seen)) {
  const m = (xs: number[]) => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  console.log(`| ${k} | ${m(s.wall)} | ${m(s.p99)} | ${m(s.max)} | ${median(s.wal)} |`);
}
process.exit(0);
