import { it } from 'vitest';
import { openDb } from '../../src/lib/server/db';
import { startServer } from '../helpers/server';
import { startSqld } from '../helpers/sqld';
import { startSmtp } from '../helpers/smtp';
import { createSession, createWorld } from '../helpers/world';

it('x', async () => {
  const sqld = await startSqld();
  const smtp = await startSmtp();
  const env = { SMTP_URL: process.env.NOSMTP ? '' : smtp.url, DATABASE_URL: sqld.url, OUTBOX_POLL_MS: process.env.POLL ?? '100', BACKGROUND_JOBS: process.env.BG ?? 'on' };
  const servers = await Promise.all([startServer(env), startServer(env)]);
  const db = openDb(sqld.url);
  await createWorld(db);
  for (const n of (process.env.NS ?? '50,100,200').split(',').map(Number)) {
    const sessionId = await createSession(db, { capacity: 10 });
    const t0 = Date.now();
    let done = 0;
    const probe = openDb(sqld.url);
    const timer = setInterval(async () => {
      const p0 = Date.now();
      const ok = await probe.$client.execute('select count(*) as n from registrations').then((r) => String(r.rows[0]!.n), (e) => String(e));
      const w = await probe.$client.execute('insert into job_leases (name, owner, lease_until) values (hex(randomblob(4)), 1, 1)').then(() => 'w ok', (e) => String(e));
      const ob = await probe.$client.execute("select status, count(*) n from outbox group by status").then((r) => JSON.stringify(r.rows.map((x) => [x.status, x.n])), (e) => String(e));
      console.log('progress', Date.now() - t0, done, 'probe', ok, w, Date.now() - p0, 'ms', ob, 'mails', smtp.mails.length);
      if (Date.now() - t0 > 20000) console.log(servers.map((s) => s.output()).join('\n---\n').slice(-3000), sqld.output().slice(-3000));
    }, 2000);
    const res = await Promise.all(Array.from({ length: n }, (_, i) => fetch(`${servers[i % 2]!.url}/api/v1/sessions/${sessionId}/registrations`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: `P${i}`, lastName: 'R', email: `p${n}-${i}@example.fr`, consent: true }),
    }).then((r) => { done++; return r.status; })));
    clearInterval(timer);
    console.log(n, 'bookings ms', Date.now() - t0, res.filter((s) => s !== 201).length, 'not 201');
  }
  console.log(servers.map((s) => s.output()).join('\n---\n').slice(-3000));
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await sqld.close();
});
