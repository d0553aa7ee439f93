// Experiment: booking throughput on one sqld for several DATABASE_WRITE_CONCURRENCY values.
import autocannon from 'autocannon';
import { openDb } from '~/platform/db/db.server';
import { createSession, createWorld } from '../../tests/helpers/world';
import { startSqld } from '../../tests/helpers/sqld';
import { servePortal } from './servers';

const SESSIONS = 500;
let person = 0;
async function fire(base: string, start: number, connections: number) {
  const r = await autocannon({
    url: base,
    connections,
    duration: 5,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: autocannon.Request) => {
          const n = ++person;
          return {
            ...req,
            headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
            path: `/api/v1/sessions/${start + (n % SESSIONS)}/registrations`,
            body: JSON.stringify({ firstName: `P${n}`, lastName: 'Bench', phone: `06${String(10_000_000 + n).slice(-8)}`, consent: true }),
          };
        },
      },
    ],
  });
  return `${Math.round(r.requests.average)} req/s p99 ${r.latency.p99} ms bad ${r.non2xx + r.errors}`;
}
for (const writers of (process.env.WRITERS ?? '1,2,4,8').split(',')) {
  const sqld = await startSqld();
  const portal = await servePortal({
    BACKGROUND_JOBS: 'off',
    RATE_LIMIT: 'on',
    TRUST_PROXY: '1',
    DATABASE_URL: sqld.url,
    DATABASE_WRITE_CONCURRENCY: writers,
  });
  const db = openDb(sqld.url);
  await createWorld(db);
  let first = 0;
  for (let i = 0; i < SESSIONS; i++) {
    const id = await createSession(db, { capacity: 30 });
    if (i === 0) first = id;
  }
  db.$client.close();
  await fire(portal.url, first, 10);
  console.log(`writers ${writers}:`, await fire(portal.url, first, 50));
  await portal.stop();
  await sqld.close();
}
