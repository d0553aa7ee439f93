// The trainer endpoints of DESIGN.md over real HTTP against a real database file: create,
// reschedule or change capacity, cancel, roster, attendance; each organisation only on its own
// sessions.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let ligue: Client;
let draneTrainer: Client;
let drane: Client;
let teacher: Client;
let anonymous: Client;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  ligue = await signedIn(portal.url, people.trainer.email);
  draneTrainer = await signedIn(portal.url, people['drane-trainer'].email);
  drane = await signedIn(portal.url, people.drane.email);
  teacher = await signedIn(portal.url, people.teacher.email);
  anonymous = new Client(portal.url);
});

const send = (client: Client, method: string, path: string, body?: unknown) =>
  client.request(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

// Paris local time of an instant, as the API writes it.
const iso = (ms: number) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName!.slice(3)}`;
};

const parentBody = (over: Record<string, unknown> = {}) => ({
  title: "Découvrir l'espace numérique de l'école",
  audience: 'parent',
  startsAt: '2027-03-28T10:00:00+02:00',
  endsAt: '2027-03-28T12:00:00+02:00',
  venueName: 'Centre social Belsunce',
  venueAddress: '12 rue Belsunce, 13001 Marseille',
  capacity: 12,
  languages: ['fr', 'ar'],
  ...over,
});

async function bookParent(sessionId: number, n: number, over: Record<string, unknown> = {}) {
  const res = await anonymous.postJson(`/api/v1/sessions/${sessionId}/registrations`, {
    firstName: 'Amina',
    lastName: `Benali${n}`,
    email: `parent${n}.${sessionId}@example.fr`,
    consent: true,
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return res.json<{ registration: { id: number; status: string } }>().registration;
}

describe('POST /api/v1/sessions', () => {
  it('creates a session on a daylight-saving day that keeps its Paris time', async () => {
    const res = await ligue.postJson('/api/v1/sessions', parentBody());
    expect(res.status, res.text).toBe(201);
    const { session } = res.json<{ session: Record<string, unknown> }>();
    expect(session).toMatchObject({
      title: "Découvrir l'espace numérique de l'école",
      audience: 'parent',
      organisation: 'ligue',
      startsAt: '2027-03-28T10:00:00+02:00',
      endsAt: '2027-03-28T12:00:00+02:00',
      capacity: 12,
      seatsLeft: 12,
      languages: ['fr', 'ar'],
      venue: { name: 'Centre social Belsunce', address: '12 rue Belsunce, 13001 Marseille' },
      status: 'scheduled',
    });
    const [row] = await rows('select starts_at, trainer_id from sessions where id = ?', [Number(session.id)]);
    expect(Number(row!.starts_at)).toBe(Date.UTC(2027, 2, 28, 8, 0));
    expect(Number(row!.trainer_id)).toBe(people.trainer.id);
    expect(
      await rows(`select action, actor_user_id from audit_log where subject_type = 'session' and subject_id = ?`, [String(session.id)]),
    ).toEqual([{ action: 'session.created', actor_user_id: people.trainer.id }]);
  });

  it('takes a track: its title, its audience, its equipment kinds; a school as the venue', async () => {
    const res = await draneTrainer.postJson('/api/v1/sessions', {
      trackId: portal.world.tracks.teacherDisplay,
      startsAt: '2027-05-04T14:00:00+02:00',
      endsAt: '2027-05-04T17:00:00+02:00',
      schoolUai: portal.world.schools.castellane,
      capacity: 20,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json<{ session: unknown }>().session).toMatchObject({
      title: "Prendre en main l'écran interactif",
      audience: 'teacher',
      organisation: 'drane',
      equipmentKinds: ['interactive-display'],
      venue: { name: 'École primaire Castellane', address: '40 rue de Rome, 13006 Marseille' },
      school: { uai: portal.world.schools.castellane },
    });
  });

  it('keeps each organisation to its own sessions', async () => {
    expect(
      (
        await ligue.postJson(
          '/api/v1/sessions',
          parentBody({ title: undefined, audience: undefined, trackId: portal.world.tracks.teacherDisplay }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await draneTrainer.postJson(
          '/api/v1/sessions',
          parentBody({ title: undefined, audience: undefined, trackId: portal.world.tracks.parentEnt }),
        )
      ).status,
    ).toBe(403);
    expect((await drane.postJson('/api/v1/sessions', parentBody())).status).toBe(403);
    expect((await drane.postJson('/api/v1/sessions', parentBody({ audience: 'teacher' }))).status).toBe(201);
    expect((await teacher.postJson('/api/v1/sessions', parentBody())).status).toBe(403);
    expect((await anonymous.postJson('/api/v1/sessions', parentBody())).status).toBe(401);
  });

  it('answers 422 with a message per field', async () => {
    const res = await ligue.postJson(
      '/api/v1/sessions',
      parentBody({ startsAt: '2027-03-28 10:00', capacity: 0, title: '', venueName: '' }),
    );
    expect(res.status).toBe(422);
    const body = res.json<{ error: string; errors: Record<string, string> }>();
    expect(Object.keys(body.errors).sort()).toEqual(['capacity', 'startsAt', 'title', 'venueName']);
    expect(body.errors.startsAt).toContain('+02:00');
    const past = await ligue.postJson(
      '/api/v1/sessions',
      parentBody({ startsAt: '2020-03-28T10:00:00+01:00', endsAt: '2020-03-28T12:00:00+01:00' }),
    );
    expect(past.json<{ errors: Record<string, string> }>().errors).toEqual({ startsAt: 'Choisissez une date et une heure à venir.' });
    expect((await ligue.postJson('/api/v1/sessions', parentBody({ schoolUai: '0139999Z', venueName: undefined }))).status).toBe(422);
  });
});

describe('PATCH /api/v1/sessions/:id', () => {
  it('reschedules: the duration is kept and confirmed attendees get the update', async () => {
    const start = Date.now() + 10 * DAY;
    const id = await createSession(portal.db, { startsAt: start, capacity: 5 });
    const reg = await bookParent(id, 1);
    const res = await send(ligue, 'PATCH', `/api/v1/sessions/${id}`, { startsAt: iso(start + DAY) });
    expect(res.status, res.text).toBe(200);
    expect(res.json<{ session: unknown }>().session).toMatchObject({ startsAt: iso(start + DAY), endsAt: iso(start + DAY + 2 * 3600_000) });
    const updates = await rows(`select recipient from outbox where kind = 'session-updated' and registration_id = ?`, [reg.id]);
    expect(updates).toEqual([{ recipient: `parent1.${id}@example.fr` }]);
  });

  it('raising the capacity promotes from the waitlist', async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    await bookParent(id, 1);
    const waiting = await bookParent(id, 2);
    expect(waiting.status).toBe('waitlisted');
    const res = await send(ligue, 'PATCH', `/api/v1/sessions/${id}`, { capacity: 2 });
    expect(res.status, res.text).toBe(200);
    expect(res.json<{ session: unknown }>().session).toMatchObject({ capacity: 2, seatsLeft: 0, waitlistLength: 0 });
    expect(await rows(`select status from registrations where id = ?`, [waiting.id])).toEqual([{ status: 'confirmed' }]);
    expect(await rows(`select kind from outbox where registration_id = ? order by id`, [waiting.id])).toEqual([
      { kind: 'waitlisted' },
      { kind: 'promoted' },
    ]);
  });

  it('refuses a capacity below the confirmed seats with 409 and a clear message', async () => {
    const id = await createSession(portal.db, { capacity: 5 });
    await bookParent(id, 1, { adults: 2 });
    const res = await send(ligue, 'PATCH', `/api/v1/sessions/${id}`, { capacity: 1, startsAt: iso(Date.now() + 20 * DAY) });
    expect(res.status).toBe(409);
    expect(res.json<{ error: string }>().error).toBe(
      "Impossible de descendre sous 2 places : elles sont déjà confirmées. Annulez d'abord des inscriptions si besoin.",
    );
    // Nothing else changed either.
    expect(await rows('select capacity, change_count from sessions where id = ?', [id])).toEqual([{ capacity: 5, change_count: 0 }]);
  });

  it('keeps organisations apart, and answers 404, 409 and 422', async () => {
    const parentSession = await createSession(portal.db);
    const teacherSession = await createSession(portal.db, { audience: 'teacher' });
    expect((await send(ligue, 'PATCH', `/api/v1/sessions/${teacherSession}`, { capacity: 30 })).status).toBe(403);
    expect((await send(draneTrainer, 'PATCH', `/api/v1/sessions/${parentSession}`, { capacity: 30 })).status).toBe(403);
    expect((await send(drane, 'PATCH', `/api/v1/sessions/${teacherSession}`, { capacity: 30 })).status).toBe(200);
    expect((await send(ligue, 'PATCH', '/api/v1/sessions/999999', { capacity: 30 })).status).toBe(404);
    expect((await send(ligue, 'PATCH', `/api/v1/sessions/${parentSession}`, { audience: 'teacher' })).status).toBe(422);
    expect((await send(ligue, 'PATCH', `/api/v1/sessions/${parentSession}`, { endsAt: iso(Date.now()) })).status).toBe(422);
    const cancelled = await createSession(portal.db, { status: 'cancelled' });
    expect((await send(ligue, 'PATCH', `/api/v1/sessions/${cancelled}`, { capacity: 30 })).status).toBe(409);
  });
});

describe('POST /api/v1/sessions/:id/cancel', () => {
  it('cancels with a reason and tells everyone booked or waiting', async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    await bookParent(id, 1);
    await bookParent(id, 2);
    expect((await ligue.postJson(`/api/v1/sessions/${id}/cancel`, { reason: '' })).status).toBe(422);
    expect((await draneTrainer.postJson(`/api/v1/sessions/${id}/cancel`, { reason: 'Grève' })).status).toBe(403);
    const res = await ligue.postJson(`/api/v1/sessions/${id}/cancel`, { reason: 'La formatrice est malade.' });
    expect(res.status, res.text).toBe(200);
    expect(res.json<{ session: unknown }>().session).toMatchObject({ status: 'cancelled' });
    const told = await rows(
      `select o.payload from outbox o join registrations r on r.id = o.registration_id
          where r.session_id = ? and o.kind = 'session-cancelled'`,
      [id],
    );
    expect(told.map((r) => JSON.parse(String(r.payload)).session.cancelReason)).toEqual([
      'La formatrice est malade.',
      'La formatrice est malade.',
    ]);
    expect((await ligue.postJson(`/api/v1/sessions/${id}/cancel`, { reason: 'Encore' })).status).toBe(409);
  });
});

describe('GET /api/v1/sessions/:id/registrations', () => {
  it("gives the roster with contacts to that session's trainer only, and audits it", async () => {
    const id = await createSession(portal.db, { capacity: 1 });
    await bookParent(id, 1, { phone: '06 12 34 56 78' });
    await bookParent(id, 2);
    const res = await ligue.get(`/api/v1/sessions/${id}/registrations`);
    expect(res.status).toBe(200);
    const { registrations } = res.json<{ registrations: Record<string, unknown>[] }>();
    expect(registrations).toMatchObject([
      {
        status: 'confirmed',
        lastName: 'Benali1',
        phone: '+33612345678',
        email: `parent1.${id}@example.fr`,
        present: null,
        waitlistPosition: null,
      },
      { status: 'waitlisted', lastName: 'Benali2', waitlistPosition: 1 },
    ]);
    expect(
      await rows(
        `select action, json_extract(details, '$.format') as format from audit_log where action = 'roster.exported' and subject_id = ?`,
        [String(id)],
      ),
    ).toEqual([{ action: 'roster.exported', format: 'json' }]);
    expect((await draneTrainer.get(`/api/v1/sessions/${id}/registrations`)).status).toBe(403);
    expect((await drane.get(`/api/v1/sessions/${id}/registrations`)).status).toBe(403);
    expect((await teacher.get(`/api/v1/sessions/${id}/registrations`)).status).toBe(403);
    expect((await anonymous.get(`/api/v1/sessions/${id}/registrations`)).status).toBe(401);
    const teacherSession = await createSession(portal.db, { audience: 'teacher' });
    expect((await ligue.get(`/api/v1/sessions/${teacherSession}/registrations`)).status).toBe(403);
    expect((await draneTrainer.get(`/api/v1/sessions/${teacherSession}/registrations`)).status).toBe(200);
  });
});

describe('PUT /api/v1/registrations/:id/attendance', () => {
  const put = (client: Client, id: number, body: unknown) => send(client, 'PUT', `/api/v1/registrations/${id}/attendance`, body);

  it('marks attendance from the start of the session, idempotently', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 10 * 60_000 });
    const reg = await bookParent(id, 1);
    const first = await put(ligue, reg.id, { present: true });
    expect(first.status, first.text).toBe(200);
    expect(first.json<{ attendance: unknown }>().attendance).toMatchObject({ registrationId: reg.id, present: true, status: 'confirmed' });
    const again = await put(ligue, reg.id, { present: true });
    expect(again.json<{ attendance: { markedAt: string } }>().attendance.markedAt).toBe(
      first.json<{ attendance: { markedAt: string } }>().attendance.markedAt,
    );
    expect((await put(ligue, reg.id, { present: false })).json<{ attendance: unknown }>().attendance).toMatchObject({ present: false });
    const audited = await rows(
      `select json_extract(details, '$.present') as present from audit_log where action = 'attendance.marked' and subject_id = ?
          order by id`,
      [String(reg.id)],
    );
    expect(audited).toEqual([{ present: 1 }, { present: 0 }]);
  });

  it('seats someone from the waitlist who came anyway, growing the capacity', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 10 * 60_000, capacity: 1 });
    await bookParent(id, 1);
    const waiting = await bookParent(id, 2);
    const res = await put(ligue, waiting.id, { present: true });
    expect(res.json<{ attendance: unknown }>().attendance).toMatchObject({ status: 'confirmed', present: true });
    expect(await rows('select capacity from sessions where id = ?', [id])).toEqual([{ capacity: 2 }]);
  });

  it('is closed before the session, refuses cancelled bookings, strangers and bad input', async () => {
    const later = await createSession(portal.db, { startsAt: Date.now() + 7 * DAY });
    const early = await bookParent(later, 1);
    const res = await put(ligue, early.id, { present: true });
    expect(res.status).toBe(409);
    expect(res.json<{ error: string }>().error).toContain("L'appel ouvre le jour de l'atelier");
    const soon = await createSession(portal.db, { startsAt: Date.now() + 5 * 60_000 });
    const reg = await bookParent(soon, 1);
    expect((await put(ligue, reg.id, { present: 'yes' })).status).toBe(422);
    expect((await put(draneTrainer, reg.id, { present: true })).status).toBe(403);
    expect((await put(anonymous, reg.id, { present: true })).status).toBe(401);
    expect((await put(ligue, 999_999, { present: true })).status).toBe(404);
    await portal.db.$client.execute({ sql: `update registrations set status = 'cancelled' where id = ?`, args: [reg.id] });
    expect((await put(ligue, reg.id, { present: true })).status).toBe(409);
  });
});
