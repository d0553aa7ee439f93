// Booking over HTTP against the built server and a real database file (DESIGN rules 1–3).
import { describe, expect, it } from 'vitest';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const portal = testPortal();

const parent = (over: Record<string, unknown> = {}) => ({
  firstName: 'Amina',
  lastName: 'Benali',
  phone: '06 12 34 56 78',
  consent: true,
  ...over,
});

async function book(sessionId: number | string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${portal.url}/api/v1/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function count(sql: string, args: (string | number)[] = []) {
  const rs = await portal.db.$client.execute({ sql, args });
  return Number(rs.rows[0]![0]);
}

describe('catalog', () => {
  it('lists upcoming sessions soonest first in the contract shape', async () => {
    const later = await createSession(portal.db, { startsAt: Date.now() + 20 * DAY, languages: ['fr', 'ar'] });
    const sooner = await createSession(portal.db, { startsAt: Date.now() + 2 * DAY });
    const res = await fetch(`${portal.url}/api/v1/sessions?audience=parent`);
    expect(res.status).toBe(200);
    const { sessions } = (await res.json()) as { sessions: any[] };
    const ids = sessions.map((s) => s.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    const s = sessions.find((x) => x.id === later);
    expect(s).toMatchObject({
      audience: 'parent',
      organisation: 'ligue',
      venue: { name: expect.any(String), address: expect.any(String) },
      school: { uai: '0130001A', name: 'École élémentaire Belsunce', arrondissement: 1 },
      capacity: 12,
      seatsLeft: 12,
      waitlistLength: 0,
      languages: ['fr', 'ar'],
      equipmentKinds: [],
      status: 'scheduled',
    });
    expect(s.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    const ar = (await (await fetch(`${portal.url}/api/v1/sessions?language=ar`)).json()) as { sessions: any[] };
    expect(ar.sessions.map((x) => x.id)).toEqual([later]);
  });

  it('answers bad filters with 422 and field errors', async () => {
    const res = await fetch(`${portal.url}/api/v1/sessions?arrondissement=17&from=yesterday&audience=kids`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(Object.keys(body.errors).sort()).toEqual(['arrondissement', 'audience', 'from']);
  });

  it('returns one session, 404 for an unknown one', async () => {
    const id = await createSession(portal.db);
    expect((await fetch(`${portal.url}/api/v1/sessions/${id}`)).status).toBe(200);
    const missing = await fetch(`${portal.url}/api/v1/sessions/999999`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error).toBeTruthy();
  });
});

it('answers a load balancer health check', async () => {
  const res = await fetch(`${portal.url}/api/v1/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

describe('booking', () => {
  it('confirms a seat, gives a code, a manage link and an invite link', async () => {
    const id = await createSession(portal.db, { capacity: 5 });
    const res = await book(id, parent({ email: 'Amina.Benali@Example.org', adults: 2, language: 'ar', schoolUai: '0130002b' }));
    expect(res.status).toBe(201);
    const r = res.body.registration;
    expect(r).toMatchObject({ status: 'confirmed', code: expect.stringMatching(/^[A-Z2-9]{6}$/) });
    expect(r.manageUrl).toMatch(new RegExp(`^${portal.url}/r/[a-z2-7]{32}$`));
    expect(r.icsUrl).toBe(`${r.manageUrl}/invite.ics`);
    const row = (await portal.db.$client.execute({ sql: 'select * from registrations where id = ?', args: [r.id] })).rows[0]!;
    expect(row.email).toBe('amina.benali@example.org');
    expect(row.phone).toBe('+33612345678');
    expect(row.child_school_uai).toBe('0130002B');
    expect(row.adults).toBe(2);
    expect(row.manage_token_hash).not.toContain(r.manageUrl.split('/r/')[1]);
    const seats = (await (await fetch(`${portal.url}/api/v1/sessions/${id}`)).json()) as any;
    expect(seats.session.seatsLeft).toBe(3);
    expect(await count(`select count(*) from audit_log where action = 'registration.created' and subject_id = ?`, [String(r.id)])).toBe(1);
  });

  // Issue 14.2 changed this answer: a repeat by contact used to give the booking (code, and a
  // fresh manage link for the same name) back; now it reveals nothing and the link is sent to
  // the contact on file instead (tests/integration/repeat-booking.test.ts follows the mail).
  it('answers the same person submitting again with no second registration and nothing about the first', async () => {
    const id = await createSession(portal.db);
    const first = await book(id, parent({ phone: '0611223344' }));
    const again = await book(id, parent({ phone: '+33 6 11 22 33 44', firstName: 'amina' }));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.registration).toBeNull();
    expect(again.body.alreadyRegistered).toBe(true);
    expect(JSON.stringify(again.body)).not.toContain(first.body.registration.code);
    expect(await count('select count(*) from registrations where session_id = ?', [id])).toBe(1);
  });

  it('does not hand a manage link to someone else using the same phone', async () => {
    const id = await createSession(portal.db);
    await book(id, parent({ phone: '0655555555' }));
    const other = await book(id, parent({ phone: '0655555555', firstName: 'Karim', lastName: 'Haddad' }));
    expect(other.status).toBe(200);
    expect(other.body.registration).toBeNull();
    expect(JSON.stringify(other.body)).not.toMatch(/\/r\/|manageUrl|icsUrl/);
  });

  it('waitlists in arrival order when full and promotes when a seat frees', async () => {
    const id = await createSession(portal.db, { capacity: 2 });
    const a = await book(id, parent({ phone: '0600000001', adults: 2 }));
    const b = await book(id, parent({ phone: '0600000002' }));
    const c = await book(id, parent({ phone: '0600000003' }));
    expect([a.body.registration.status, b.body.registration.status, c.body.registration.status]).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    expect(b.body.registration.waitlistPosition).toBe(1);
    expect(c.body.registration.waitlistPosition).toBe(2);
    const del = await fetch(a.body.registration.manageUrl.replace('/r/', '/api/v1/manage/'), { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as any).registration.status).toBe('cancelled');
    const statuses = await portal.db.$client.execute({
      sql: 'select id, status, first_name, phone from registrations where session_id = ? order by id',
      args: [id],
    });
    expect(statuses.rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'confirmed']);
    // Cancelling through the link erases who the person was.
    expect(statuses.rows[0]!.first_name).toBeNull();
    expect(statuses.rows[0]!.phone).toBeNull();
    expect(await count(`select count(*) from audit_log where action = 'registration.promoted'`)).toBeGreaterThanOrEqual(2);
  });

  it('never lets a newcomer overtake the waitlist', async () => {
    const id = await createSession(portal.db, { capacity: 2 });
    await book(id, parent({ phone: '0600000011' }));
    const big = await book(id, parent({ phone: '0600000012', adults: 2 }));
    expect(big.body.registration.status).toBe('waitlisted');
    const small = await book(id, parent({ phone: '0600000013' }));
    expect(small.body.registration.status).toBe('waitlisted');
  });

  it('refuses cancelled and past sessions with 409, unknown ones with 404', async () => {
    const cancelled = await createSession(portal.db, { status: 'cancelled' });
    const past = await createSession(portal.db, { startsAt: Date.now() - DAY });
    expect((await book(cancelled, parent())).status).toBe(409);
    expect((await book(past, parent())).status).toBe(409);
    expect((await book(424242, parent())).status).toBe(404);
    expect((await book('abc', parent())).status).toBe(404);
  });

  it('asks a teacher session for a signed-in teacher', async () => {
    const id = await createSession(portal.db, { audience: 'teacher' });
    expect((await book(id, {})).status).toBe(401);
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, unknown, string[]][] = [
    ['missing names', { phone: '0612345678', consent: true }, ['firstName', 'lastName']],
    ['no contact', { firstName: 'A', lastName: 'B', consent: true }, ['phone']],
    ['no consent', { firstName: 'A', lastName: 'B', phone: '0612345678' }, ['consent']],
    ['consent as a string', { firstName: 'A', lastName: 'B', phone: '0612345678', consent: 'yes' }, ['consent']],
    ['too long', { firstName: 'A'.repeat(81), lastName: 'B', phone: '0612345678', consent: true }, ['firstName']],
    ['wrong types', { firstName: 12, lastName: ['B'], phone: 612345678, consent: true }, ['firstName', 'lastName', 'phone']],
    ['bad email and phone', { firstName: 'A', lastName: 'B', email: 'a@b', phone: '12', consent: true }, ['email', 'phone']],
    ['adults out of range', { firstName: 'A', lastName: 'B', phone: '0612345678', adults: 3, consent: true }, ['adults']],
    ['unknown language', { firstName: 'A', lastName: 'B', phone: '0612345678', language: 'xx', consent: true }, ['language']],
    ['unknown school', { firstName: 'A', lastName: 'B', phone: '0612345678', schoolUai: '0139999Z', consent: true }, ['schoolUai']],
    ['malformed school', { firstName: 'A', lastName: 'B', phone: '0612345678', schoolUai: 'école', consent: true }, ['schoolUai']],
    ['control characters', { firstName: 'A\u202eB', lastName: 'B\u0007', phone: '0612345678', consent: true }, ['firstName', 'lastName']],
  ];
  it.each(cases)('%s → 422 with field errors', async (_name, body, fields) => {
    const id = await createSession(portal.db);
    const res = await book(id, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual(expect.any(String));
    expect(Object.keys(res.body.errors).sort()).toEqual([...fields].sort());
    for (const f of fields) expect(res.body.errors[f]).toMatch(/\w/);
    expect(await count('select count(*) from registrations where session_id = ?', [id])).toBe(0);
  });

  it('malformed JSON → 400, non-JSON → 415, an array → 422', async () => {
    const id = await createSession(portal.db);
    expect((await book(id, '{"firstName": ')).status).toBe(400);
    const form = await fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(form.status).toBe(415);
    expect((await book(id, '[1,2]')).status).toBe(422);
    expect(await count('select count(*) from registrations where session_id = ?', [id])).toBe(0);
  });

  it('folds line breaks in names into spaces, so nothing reaches a mail header', async () => {
    const id = await createSession(portal.db);
    const res = await book(id, parent({ lastName: 'Benali\r\nBcc: x@evil.test', phone: '0677777777' }));
    expect(res.status).toBe(201);
    const row = (
      await portal.db.$client.execute({ sql: 'select last_name from registrations where id = ?', args: [res.body.registration.id] })
    ).rows[0]!;
    expect(row.last_name).toBe('Benali Bcc: x@evil.test');
  });

  it('refuses a write that a browser marks as cross-site', async () => {
    const id = await createSession(portal.db);
    const res = await book(id, parent({ phone: '0688888888' }), { Origin: 'https://evil.test' });
    expect(res.status).toBe(403);
    expect(await count('select count(*) from registrations where session_id = ?', [id])).toBe(0);
  });

  it('an unknown manage token is a 404 in JSON', async () => {
    const res = await fetch(`${portal.url}/api/v1/manage/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toBeTruthy();
  });
});
