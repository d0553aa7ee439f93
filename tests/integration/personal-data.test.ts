// Personal data has a lifetime (DESIGN rule 6): the retention job, on a controllable clock,
// and the admin's export and erasure of everything about one email or phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelThroughManageLink } from '~/features/registration/manage-link.server';
import { mintManageToken } from '~/features/registration/find-registration.server';
import { retentionJob } from '~/features/privacy/retention.server';
import { defaultJobs } from '~/platform/jobs/scheduled-jobs.server';
import { runJobIfDue } from '~/platform/jobs/scheduler.server';
import { createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { book } from '../helpers/mail';
import { testCity } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { createSession, DAY } from '../helpers/world';

const city = testCity();

async function rowsOf(sessionId: number) {
  const rs = await city.db.$client.execute({
    sql: `select r.id, r.status, r.adults, r.first_name, r.last_name, r.email, r.phone, r.erased_at, r.manage_token_hash,
            (select count(*) from manage_tokens m where m.registration_id = r.id) as tokens
          from registrations r where r.session_id = ? order by r.id`,
    args: [sessionId],
  });
  return rs.rows as unknown as Record<string, unknown>[];
}

async function outboxOf(sessionId: number) {
  const rs = await city.db.$client.execute({
    sql: 'select recipient, status, payload from outbox where registration_id in (select id from registrations where session_id = ?)',
    args: [sessionId],
  });
  return rs.rows as unknown as { recipient: string; status: string; payload: string }[];
}

const forgotten = (r: Record<string, unknown>) =>
  r.first_name === null &&
  r.last_name === null &&
  r.email === null &&
  r.phone === null &&
  r.erased_at !== null &&
  r.manage_token_hash === null &&
  Number(r.tokens) === 0;

describe('the retention job', () => {
  it('erases parents RETENTION_DAYS after their workshop, keeps the counts, and runs once a day', async () => {
    const now = Date.now();
    const old = await createSession(city.db, { startsAt: now - 200 * DAY, capacity: 1 });
    const recent = await createSession(city.db, { startsAt: now - 100 * DAY });
    const training = await createSession(city.db, { audience: 'teacher', startsAt: now - 300 * DAY });
    const bookedAt = now - 400 * DAY;
    const a = await book(city.db, old, { adults: 1 }, bookedAt);
    await book(city.db, old, { adults: 2, phone: '+33611223344' }, bookedAt); // waitlisted: counted too
    await book(city.db, recent, {}, bookedAt);
    await book(city.db, training, { email: 'claire@ac-aix-marseille.fr' }, bookedAt);
    await mintManageToken(city.db, a.registration.id);
    await city.db.$client.execute({ sql: `update outbox set status = 'sent' where registration_id = ?`, args: [a.registration.id] });
    // Cancelled and erased long ago through its own link, which it kept: the link goes now.
    const selfErased = await book(city.db, old, {}, bookedAt);
    await cancelThroughManageLink(city.db, selfErased.manageToken);
    await mintManageToken(city.db, selfErased.registration.id);
    const counts = await city.db.$client.execute(
      'select session_id, status, count(*) as n, sum(adults) as seats from registrations group by 1, 2 order by 1, 2',
    );

    const job = retentionJob(180);
    expect(defaultJobs().map((j) => j.name)).toContain('retention');
    expect(await runJobIfDue(city.db, job, 'instance-a', now)).toBe('ran');
    expect(await runJobIfDue(city.db, job, 'instance-b', now + 3_600_000)).toBe('done');

    expect((await rowsOf(old)).every(forgotten)).toBe(true);
    expect((await rowsOf(recent)).some(forgotten)).toBe(false);
    expect((await rowsOf(training)).some(forgotten)).toBe(false);
    for (const m of await outboxOf(old)) {
      expect(m.recipient).toBe('');
      expect(JSON.parse(m.payload)).not.toHaveProperty('firstName');
    }
    // Anonymous counts per session and status are what they were.
    expect(
      (
        await city.db.$client.execute(
          'select session_id, status, count(*) as n, sum(adults) as seats from registrations group by 1, 2 order by 1, 2',
        )
      ).rows,
    ).toEqual(counts.rows);
    const logged = await city.db.$client.execute(`select details from audit_log where action = 'personal-data.retention'`);
    expect(JSON.parse(String(logged.rows[0]!.details))).toEqual({ erased: 3, retentionDays: 180 });

    // 81 days later the recent workshop's turn comes; the old one is not erased twice.
    expect(await runJobIfDue(city.db, job, 'instance-b', now + 81 * DAY)).toBe('ran');
    expect((await rowsOf(recent)).every(forgotten)).toBe(true);
    const runs = await city.db.$client.execute(`select result from job_runs where job = 'retention' order by period`);
    expect(runs.rows.map((r) => JSON.parse(String(r.result)))).toEqual([{ erased: 3 }, { erased: 1 }]);
  });
});

describe('an admin, for one email or phone', () => {
  let server: RunningServer;
  let people: Accounts;
  const email = 'yasmine.haddad@example.fr';

  beforeAll(async () => {
    people = await createAccounts(city.db);
    server = await startServer({ DATABASE_URL: city.databaseUrl });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds, exports and erases everything, and the log says so without the data', async () => {
    const past = await createSession(city.db, { startsAt: Date.now() - 10 * DAY, capacity: 5 });
    const full = await createSession(city.db, { startsAt: Date.now() + 5 * DAY, capacity: 1 });
    const bookedAt = Date.now() - 20 * DAY;
    const person = { firstName: 'Yasmine', lastName: 'Haddad', email, phone: '+33687654321' };
    const mine = [await book(city.db, past, person, bookedAt), await book(city.db, full, person)];
    const waiting = await book(city.db, full, { email: 'next@example.fr' });
    await mintManageToken(city.db, mine[1]!.registration.id);
    const admin = await signedIn(server.url, people.admin.email);

    const search = await admin.postForm('/admin/donnees-personnelles', { intent: 'search', contact: '06 87 65 43 21' });
    expect(search.status).toBe(200);
    expect(search.text).toContain('2 inscription(s)');

    const exported = await admin.postForm('/admin/donnees-personnelles', { intent: 'export', contact: ' Yasmine.Haddad@Example.fr ' });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="donnees-personnelles-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = exported.json<{
      registrations: { firstName: string; session: { id: number } }[];
      messages: unknown[];
      auditLog: { action: string }[];
    }>();
    expect(data.registrations.map((r) => [r.firstName, r.session.id])).toEqual([
      ['Yasmine', past],
      ['Yasmine', full],
    ]);
    expect(data.messages.length).toBeGreaterThan(0);
    expect(data.auditLog.map((e) => e.action)).toContain('registration.created');

    expect((await admin.postForm('/admin/donnees-personnelles', { intent: 'erase', contact: email })).status).toBe(422);
    const erased = await admin.postForm('/admin/donnees-personnelles', { intent: 'erase', contact: email, confirm: 'on' });
    expect(erased.status).toBe(303);
    expect(erased.location).toMatch(/^\/admin\/donnees-personnelles\?inscriptions=2&messages=\d+$/);

    expect((await rowsOf(past)).every(forgotten)).toBe(true);
    const [gone, promoted] = await rowsOf(full);
    expect(forgotten(gone!)).toBe(true);
    expect(gone!.status).toBe('cancelled');
    expect(promoted).toMatchObject({ id: waiting.registration.id, status: 'confirmed' });
    const left = await city.db.$client.execute({
      sql: `select count(*) as n from outbox where recipient = ? or payload like '%Haddad%'`,
      args: [email],
    });
    expect(Number(left.rows[0]!.n)).toBe(0);
    const again = await admin.postForm('/admin/donnees-personnelles', { intent: 'search', contact: email });
    expect(again.text).toContain('Passerelle ne garde rien sur ce contact.');

    const log = await city.db.$client.execute(
      `select action, actor_user_id, details from audit_log where action like 'personal-data.%' and actor_kind = 'user' order by id`,
    );
    expect(log.rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['personal-data.exported', people.admin.id],
      ['personal-data.erased', people.admin.id],
    ]);
    for (const r of log.rows) expect(String(r.details)).not.toMatch(/haddad|yasmine|87654321/i);
  });

  it('asks for a valid contact, and keeps the page to admins', async () => {
    const admin = await signedIn(server.url, people.admin.email);
    const bad = await admin.postForm('/admin/donnees-personnelles', { intent: 'export', contact: 'pas un contact' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Saisissez une adresse e-mail ou un numéro de téléphone valable.');
    const trainer = await signedIn(server.url, people.trainer.email);
    expect((await trainer.postForm('/admin/donnees-personnelles', { intent: 'export', contact: email })).status).toBe(403);
  });
});
