// `npx tsx scripts/bench/sqld-round-trips.ts [--count N]`: HTTP round trips to a libSQL server
// (sqld) per booking, counted by wrapping fetch (the libSQL client's transport), and the wall
// time per booking there and on an embedded file: `requestBooking` in-process, as the API runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { requestBooking } from '~/features/registration/booking-request.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import { startSqld } from '../../tests/helpers/sqld';

const i = process.argv.indexOf('--count');
const COUNT = i >= 0 ? Number(process.argv[i + 1]) : 300;

let trips = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (...a: Parameters<typeof fetch>) => (trips++, realFetch(...a));

async function measure(db: Db, url: string) {
  await prepareConnection(db, url);
  await applyMigrations(db);
  await createWorld(db);
  const ids: number[] = [];
  for (let s = 0; s < 50; s++) ids.push(await createSession(db, { capacity: 30 }));
  const book = (n: number) =>
    requestBooking(db, {
      sessionId: ids[n % ids.length]!,
      body: { firstName: `P${n}`, lastName: 'Bench', phone: `06${String(10_000_000 + n).slice(-8)}`, consent: true },
      user: null,
      address: `10.0.${n >> 8}.${n & 255}`,
    });
  for (let n = 0; n < 20; n++) await book(n); // warm-up: statements prepared, the HMAC key loaded
  trips = 0;
  const start = performance.now();
  for (let n = 20; n < 20 + COUNT; n++) {
    const r = await book(n);
    if (r.status !== 201) throw new Error(`booking ${n}: ${r.status}`);
  }
  return { ms: (performance.now() - start) / COUNT, trips: trips / COUNT };
}

const sqld = await startSqld();
const dir = mkdtempSync(join(tmpdir(), 'round-trips-'));
try {
  const remote = await measure(openDb(sqld.url), sqld.url);
  const fileUrl = `file:${join(dir, 'bench.db')}`;
  const local = await measure(openDb(fileUrl), fileUrl);
  console.log(`sqld: ${remote.trips.toFixed(2)} HTTP round trips per booking, ${remote.ms.toFixed(2)} ms per booking (one at a time)`);
  console.log(`embedded: ${local.ms.toFixed(2)} ms per booking; sqld / embedded throughput ×${(local.ms / remote.ms).toFixed(2)}`);
} finally {
  await sqld.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
