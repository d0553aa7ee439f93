// What the scale-out tests share: N app instances started at the same moment on an empty
// database (so they all try to migrate), a small world seeded through the primary, and a
// burst of simultaneous bookings split across the instances.
import { expect } from 'vitest';
import { openDb, type Db } from '~/platform/db/db.server';
import { startServer, type RunningServer } from './server';
import type { TestSmtp } from './smtp';
import { startSqldTopology, type SqldTopology } from './sqld';
import { createSession, createWorld } from './world';

export interface ScaleOut {
  topology: SqldTopology;
  servers: RunningServer[];
  // Through the primary.
  db: Db;
  // Resolves once every replica has this session (a replica applies the primary's log a few
  // milliseconds later): a session is published well before anyone books it.
  published(sessionId: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startScaleOut({
  instances,
  replicas = false,
  env,
}: {
  instances: number;
  replicas?: boolean;
  env: Record<string, string>;
}): Promise<ScaleOut> {
  const topology = await startSqldTopology({ instances, replicas });
  let servers: RunningServer[] = [];
  try {
    servers = await Promise.all(topology.urls.map((url) => startServer({ ...env, DATABASE_URL: url })));
  } catch (error) {
    await topology.close();
    throw error;
  }
  const db = openDb(topology.primary.url);
  await createWorld(db);
  return {
    topology,
    servers,
    db,
    published: (sessionId) => Promise.all(topology.replicas.map((r) => sessionOn(r.url, sessionId))).then(() => undefined),
    async stop() {
      await Promise.all(servers.map((s) => s.stop('SIGKILL')));
      db.$client.close();
      await topology.close();
    },
  };
}

async function sessionOn(url: string, sessionId: number): Promise<void> {
  const replica = openDb(url);
  try {
    const deadline = Date.now() + 10_000;
    while (!(await replica.$client.execute({ sql: 'select 1 from sessions where id = ?', args: [sessionId] })).rows.length) {
      if (Date.now() > deadline) throw new Error(`the replica at ${url} never got session ${sessionId}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    replica.$client.close();
  }
}

export interface Booking {
  status: number;
  registration: { status: string };
}

// `count` bookings sent at once, round-robin over the instances, each by a different person.
export function bookAtOnce(
  servers: RunningServer[],
  sessionId: number,
  count: number,
  contact: (i: number) => { email: string } | { phone: string },
): Promise<Booking[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`${servers[i % servers.length]!.url}/api/v1/sessions/${sessionId}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Réseau', ...contact(i), consent: true }),
      }).then(async (r) => ({ status: r.status, ...((await r.json()) as { registration: { status: string } }) })),
    ),
  );
}

// The burst of README "Several instances": 200 people at once for 10 seats, split across every
// instance → 10 confirmed, 190 waitlisted, no seat twice, and (every outbox worker sharing the
// queue) each person hears once, and of the right thing.
export async function expectTenSeatsEveryMailOnce(scale: ScaleOut, smtp: TestSmtp): Promise<void> {
  const sessionId = await createSession(scale.db, { capacity: 10 });
  await scale.published(sessionId);
  const results = await bookAtOnce(scale.servers, sessionId, 200, (i) => ({ email: `parent${i}@example.fr` }));
  expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  const statuses = results.map((r) => r.registration.status);
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);

  const rows = await scale.db.$client.execute({
    sql: `select count(*) as n, count(distinct email) as people,
          coalesce(sum(case when status = 'confirmed' then adults end), 0) as seats from registrations where session_id = ?`,
    args: [sessionId],
  });
  expect(rows.rows[0]).toMatchObject({ n: 200, people: 200, seats: 10 });

  await smtp.waitFor(200, 40_000);
  await new Promise((r) => setTimeout(r, 500));
  expect(smtp.mails).toHaveLength(200);
  const recipients = smtp.mails.flatMap((m) => m.to);
  expect(new Set(recipients).size).toBe(200);
  const kinds = smtp.mails.map((m) => String(m.parsed.headers.get('x-passerelle-kind')));
  expect(kinds.filter((k) => k === 'confirmed')).toHaveLength(10);
  expect(kinds.filter((k) => k === 'waitlisted')).toHaveLength(190);
  const outbox = await scale.db.$client.execute(`select status, count(*) as n from outbox group by status`);
  expect(outbox.rows.map((r) => [r.status, Number(r.n)])).toEqual([['sent', 200]]);
}
