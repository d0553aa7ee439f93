// Floor (a) of the booking benchmark: a bare node:http server doing the booking's own work on
// the same engine, through the same functions and prepared statements as the portal (the
// session gate, the seat batch with its two rate-limit counters with its outbox row and audit
// entry), with none of the framework: no Astro pipeline, no middleware, no body validation,
// no compression, logs or metrics. `node --import tsx scripts/bench/floor-booking.ts`, with
// DATABASE_URL a file the benchmark already migrated and filled with sessions.
import { createServer } from 'node:http';
import { getDb, dbReady } from '~/platform/db/db.server';
import { bookingGate } from '~/features/sessions/sessions.server';
import { rule } from '~/platform/http/rate-limit.server';
import { bookSeat, registrationJson } from '~/features/registration/book-seat.server';

await dbReady();
const db = getDb();

const server = createServer((req, res) => {
  if (req.method === 'GET') return void res.writeHead(200).end('ok'); // the readiness probe
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    void (async () => {
      const b = JSON.parse(body) as { firstName: string; lastName: string; phone: string };
      const sessionId = Number(req.url?.split('/')[4] ?? 0);
      const address = String(req.headers['x-forwarded-for'] ?? '');
      const session = await bookingGate(db, sessionId);
      if (!session) return void res.writeHead(404).end();
      const person = {
        firstName: b.firstName,
        lastName: b.lastName,
        email: null,
        phone: b.phone,
        schoolUai: null,
        language: 'fr' as const,
        adults: 1 as const,
      };
      const outcome = await bookSeat(db, {
        sessionId,
        person,
        actor: { kind: 'anonymous' },
        audience: session.audience,
        limits: [rule('bookingPerAddress', address), rule('bookingPerContact', b.phone)],
      });
      if (outcome.kind !== 'created') return void res.writeHead(409).end();
      res
        .writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ registration: registrationJson(outcome.registration, outcome.manageToken) }));
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
});
server.keepAliveTimeout = 10_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));
process.on('SIGTERM', () => process.exit(0));
