// A crash under load (`kill -9`, the embedded file): every booking that got its 201 is there
// after a restart, with the message it announced — the write is one batch, committed before
// the answer leaves.
import { afterAll, expect, it } from 'vitest';
import { testCity } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { createSession } from '../helpers/world';

// The server is started (and killed) by the test itself.
let server: RunningServer | undefined;
const city = testCity();
afterAll(() => server?.stop());

interface Booked {
  code: string;
  manageUrl: string;
  status: string;
}

// Books without pause from `loops` clients until the server stops answering.
async function bookUntilDown(url: string, sessions: number[], loops: number, acknowledged: Booked[]) {
  let n = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      for (;;) {
        const i = n++;
        try {
          const res = await fetch(`${url}/api/v1/sessions/${sessions[i % sessions.length]}/registrations`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ firstName: 'Samir', lastName: `Panne${i}`, email: `panne${i}@example.fr`, consent: true }),
          });
          const body = (await res.json()) as { registration?: Booked };
          if (res.status === 201 && body.registration) acknowledged.push(body.registration);
        } catch {
          return; // the server is gone
        }
      }
    }),
  );
}

it('kill -9 under load: after a restart, every booking that got its 201 is there', async () => {
  const sessions = [await createSession(city.db, { capacity: 30 }), await createSession(city.db, { capacity: 500 })];
  server = await startServer({ DATABASE_URL: city.databaseUrl });
  const acknowledged: Booked[] = [];
  const load = bookUntilDown(server.url, sessions, 12, acknowledged);
  while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 10));
  server.process.kill('SIGKILL');
  await load;
  expect(acknowledged.length).toBeGreaterThanOrEqual(60);

  server = await startServer({ DATABASE_URL: city.databaseUrl });
  const check = await city.db.$client.execute('pragma integrity_check');
  expect(check.rows[0]?.integrity_check).toBe('ok');
  // Each acknowledged booking, read back through its own manage link on the restarted server.
  const seen = await Promise.all(
    acknowledged.map(async (b) => {
      const res = await fetch(`${server!.url}${new URL(b.manageUrl).pathname.replace(/^\/r\//, '/api/v1/manage/')}`);
      const body = (await res.json()) as { registration?: { code: string; status: string } };
      return { status: res.status, code: body.registration?.code, booked: b.status, now: body.registration?.status };
    }),
  );
  expect(seen.filter((s) => s.status !== 200)).toEqual([]);
  expect(seen.every((s, i) => s.code === acknowledged[i]!.code && s.now === s.booked)).toBe(true);
  // And the message each one announced was written with it.
  const codes = acknowledged.map((b) => b.code);
  const queued = await city.db.$client.execute({
    sql: `select count(*) as n from outbox o join registrations r on r.id = o.registration_id
          where r.code in (${codes.map(() => '?').join(', ')})`,
    args: codes,
  });
  expect(Number(queued.rows[0]!.n)).toBe(codes.length);
  const seats = await city.db.$client.execute({
    sql: `select coalesce(sum(adults), 0) as n from registrations where session_id = ? and status = 'confirmed'`,
    args: [sessions[0]!],
  });
  expect(Number(seats.rows[0]!.n)).toBeLessThanOrEqual(30);
}, 90_000); // two server starts and a load burst: slow on a busy machine
