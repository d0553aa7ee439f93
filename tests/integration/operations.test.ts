// Running it for a city (README, "Operations"): scheduled backups once per period across
// instances, rotated; the admin home and /metrics showing the service's health; /metrics only
// with its token; one JSON log line per request, job and delivery, with no personal data.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { jobRuns } from '~db/schema';
import { backupName } from '~/platform/backup/backup.server';
import { checkDatabaseFile } from '~/platform/backup/sqlite-worker.server';
import { createAccounts, PASSWORD, signedIn, type Accounts } from '~tests/helpers/auth';
import { until } from '~tests/helpers/ops';
import { testCity, testPortal } from '~tests/helpers/portal';
import { startServer, type RunningServer } from '~tests/helpers/server';
import { startSmtp } from '~tests/helpers/smtp';
import { createSession } from '~tests/helpers/world';
import { afterAll, beforeAll } from 'vitest';

const TOKEN = 'scrape-token-for-the-tests-0001';
const OTHER_TOKEN = 'scrape-token-for-the-tests-0002';
const DAY = 24 * 60 * 60_000;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('scheduled backups with two instances, the admin home and /metrics', () => {
  let accounts: Accounts;
  const city = testCity({ seed: async (db) => (accounts = await createAccounts(db)) });
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-scheduled-'));
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    // Older scheduled backups, a file of the operator's, and a partial left by a killed backup.
    for (const day of ['01', '02', '03']) writeFileSync(join(dir, `passerelle-202001${day}-0000.db`), '');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, '.passerelle-20200104-0000.db.999.partial'), '');
    const old = (Date.now() - 3 * 60 * 60_000) / 1000;
    utimesSync(join(dir, '.passerelle-20200104-0000.db.999.partial'), old, old);
    const env = { DATABASE_URL: city.databaseUrl, BACKUP_DIR: dir, BACKUP_KEEP: '2', SCHEDULER_INTERVAL_MS: '200' };
    // Started together: both schedulers see the same period due.
    servers.push(
      ...(await Promise.all([startServer({ ...env, METRICS_TOKEN: TOKEN }), startServer({ ...env, METRICS_TOKEN: OTHER_TOKEN })])),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('takes one checked backup per period, whichever instance gets there, and rotates the old ones', async () => {
    const name = backupName(Math.floor(Date.now() / DAY) * DAY);
    await until(async () => (await city.db.$count(jobRuns, eq(jobRuns.job, 'backup'))) > 0, { what: 'the scheduled backup' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await city.db.$count(jobRuns, eq(jobRuns.job, 'backup'))).toBe(1);
    const [run] = await city.db.select({ result: jobRuns.result }).from(jobRuns).where(eq(jobRuns.job, 'backup'));
    expect(run!.result).toMatchObject({ file: name, kept: 2, removed: 2 });
    expect(await checkDatabaseFile(join(dir, name))).toMatchObject({ problems: [] });
    expect(readdirSync(dir).sort()).toEqual([name, 'notes.txt', 'passerelle-20200103-0000.db'].sort());
  });

  it('shows the health of the service on the admin home', async () => {
    const admin = await signedIn(servers[0]!.url, accounts.admin.email);
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('État du service');
    expect(page.text).toContain('Dernière sauvegarde');
    expect(page.text).toContain(backupName(Math.floor(Date.now() / DAY) * DAY));
    expect(page.text).toMatch(/Instances en service[\s\S]*?<strong[^>]*>2<\/strong>/);
  });

  it('answers /metrics only with its own token, and counts the backup once across instances', async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    expect((await fetch(`${first.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${first.url}/metrics`, { headers: { Authorization: TOKEN } })).status).toBe(404);
    expect((await fetch(`${first.url}/metrics`, { headers: bearer(OTHER_TOKEN) })).status).toBe(404);
    const scrape = async (server: RunningServer, token: string) =>
      (await fetch(`${server.url}/metrics`, { headers: bearer(token) })).text();
    const backupsRan = (text: string) => Number(/^passerelle_job_runs_total\{job="backup",outcome="ran"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    expect(backupsRan(await scrape(first, TOKEN)) + backupsRan(await scrape(second, OTHER_TOKEN))).toBe(1);
    const res = await fetch(`${first.url}/metrics`, { headers: bearer(TOKEN) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^passerelle_last_backup_timestamp_seconds (\d+(\.\d+)?)$/m);
    expect(Number(/^passerelle_last_backup_timestamp_seconds (\S+)$/m.exec(text)![1])).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(text).toMatch(/^passerelle_instances_up 2$/m);
  });
});

describe('metrics and logs of a booking journey', () => {
  const smtp = { current: null as Awaited<ReturnType<typeof startSmtp>> | null };
  beforeAll(async () => {
    smtp.current = await startSmtp();
  });
  afterAll(async () => smtp.current?.stop());
  let accounts: Accounts;
  const sessions: number[] = [];
  const portal = testPortal({
    env: () => ({ METRICS_TOKEN: TOKEN, SMTP_URL: smtp.current!.url, OUTBOX_POLL_MS: '100', LOG_LEVEL: 'info' }),
    seed: async (db) => {
      accounts = await createAccounts(db);
      sessions.push(await createSession(db, { capacity: 10 }), await createSession(db, { audience: 'teacher', capacity: 10 }));
    },
  });
  const person = { firstName: 'Zéphyrine', lastName: 'Quillembois', email: 'zephyrine.quillembois@example.test', phone: '06 12 34 56 78' };

  it('logs every request as one JSON line by route pattern, and never a person', { timeout: 60_000 }, async () => {
    const booked = await fetch(`${portal.url}/api/v1/sessions/${sessions[0]}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...person, consent: true }),
    });
    expect(booked.status).toBe(201);
    const requestId = booked.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { registration } = (await booked.json()) as { registration: { manageUrl: string; code: string } };
    const token = registration.manageUrl.split('/r/')[1]!;
    const manage = (init: RequestInit = {}) =>
      fetch(`${portal.url}/api/v1/manage/${token}`, { ...init, headers: { 'Content-Type': 'application/json', Origin: portal.url } });
    expect((await manage()).status).toBe(200);
    expect((await manage({ method: 'PATCH', body: JSON.stringify({ adults: 2 }) })).status).toBe(200);
    expect((await fetch(`${portal.url}/r/${token}`)).status).toBe(200);
    expect((await manage({ method: 'DELETE' })).status).toBe(200);
    const teacher = await signedIn(portal.url, accounts.teacher.email);
    expect((await teacher.postJson(`/api/v1/sessions/${sessions[1]}/registrations`, { consent: true })).status).toBe(201);
    const wrong = await fetch(`${portal.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: portal.url },
      body: JSON.stringify({ email: accounts.teacher.email, password: 'pas le bon mot de passe' }),
    });
    expect(wrong.status).toBe(401);
    await smtp.current!.waitFor(3);
    await until(() => portal.server.output().includes('"outcome":"sent"'), { what: 'a delivery line' });

    const lines = portal.server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const line of requests) {
      expect(line).toMatchObject({
        level: 'info',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        method: expect.any(String),
        status: expect.any(Number),
        seconds: expect.any(Number),
      });
      expect(String(line.route)).not.toContain(token);
    }
    expect(requests.find((l) => l.requestId === requestId)).toMatchObject({
      method: 'POST',
      route: '/api/v1/sessions/[id]/registrations',
      status: 201,
    });
    const routes = new Set(requests.map((l) => `${l.method} ${l.route} ${l.status}`));
    for (const r of [
      'PATCH /api/v1/manage/[token] 200',
      'DELETE /api/v1/manage/[token] 200',
      'GET /[...lang]/r/[token] 200',
      'POST /api/v1/auth/login 401',
    ]) {
      expect(routes).toContain(r);
    }
    expect(lines.some((l) => l.msg === 'delivery' && l.outcome === 'sent' && l.channel === 'email')).toBe(true);
    expect(lines.some((l) => l.msg === 'job' && l.outcome === 'ran')).toBe(true);

    const output = portal.server.output();
    const cookie = teacher.cookies.values().next().value as string;
    const personal = [
      person.email,
      person.firstName,
      person.lastName,
      'Zephyrine',
      '0612345678',
      '+33612345678',
      '612345678',
      person.phone,
      token,
      registration.code,
      accounts.teacher.email,
      'Claire',
      'Enseignante',
      PASSWORD,
      'pas le bon mot de passe',
      cookie,
    ];
    expect(personal.filter((p) => output.toLowerCase().includes(p.toLowerCase()))).toEqual([]);
  });

  it('counts requests, bookings, deliveries and the backlog in /metrics', async () => {
    const text = await (await fetch(`${portal.url}/metrics`, { headers: bearer(TOKEN) })).text();
    expect(text).toContain('passerelle_http_requests_total{method="PATCH",route="/api/v1/manage/[token]",status="200"} 1');
    expect(text).toMatch(
      /^passerelle_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/sessions\/\[id\]\/registrations",status="201"\} 2$/m,
    );
    expect(text).toContain('passerelle_bookings_total{audience="parent",outcome="confirmed"} 1');
    expect(text).toContain('passerelle_bookings_total{audience="teacher",outcome="confirmed"} 1');
    expect(text).toMatch(/^passerelle_deliveries_total\{channel="email",outcome="sent"\} [1-9]\d*$/m);
    expect(text).toMatch(/^passerelle_messages\{channel="email",status="sent"\} [1-9]\d*$/m);
    expect(text).toMatch(/^passerelle_oldest_unsent_message_age_seconds\{channel="email"\} \d/m);
    expect(text).toMatch(/^passerelle_db_busy_retries_total \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^passerelle_database_up 1$/m);
  });
});
