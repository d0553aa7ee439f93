// Courses and approvals over real HTTP against the built server: the JSON API (create with
// `dates`, move or cancel one date, attendance per date), the trainer's dates page, the
// teacher's booking that waits for approval, and the approver's one-time page.
import { beforeAll, describe, expect, it } from 'vitest';
import { setTrackApprover } from '~/features/courses/approval.server';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { DAY } from '../helpers/world';

const HOUR = 3600_000;
let people: Accounts;
let drane: Client;
let teacher: Client;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
  teacher = await signedIn(portal.url, people.teacher.email);
});

const send = (client: Client, method: string, path: string, body: unknown) =>
  client.request(method, path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

// Evenings (out of school time), a week apart.
function evenings(n: number, from = Date.now() + 10 * DAY) {
  const first = Math.ceil(from / DAY) * DAY + 17 * HOUR;
  return Array.from({ length: n }, (_, i) => ({
    startsAt: new Date(first + i * 7 * DAY).toISOString(),
    endsAt: new Date(first + i * 7 * DAY + 2 * HOUR).toISOString(),
  }));
}

type Json = { session: { id: number; startsAt: string; endsAt: string; dates: { id: number; startsAt: string; status: string }[] } };

async function createCourse(dates = evenings(3)) {
  const res = await send(drane, 'POST', '/api/v1/sessions', {
    trackId: portal.world.tracks.teacherDisplay,
    venueName: 'Canopé Marseille',
    capacity: 10,
    dates,
  });
  expect(res.status).toBe(201);
  return res.json<Json>().session;
}

describe('the courses API', () => {
  it('creates a course from `dates`, and refuses dates that overlap', async () => {
    const dates = evenings(3);
    const session = await createCourse(dates);
    expect(Date.parse(session.startsAt)).toBe(Date.parse(dates[0]!.startsAt));
    expect(Date.parse(session.endsAt)).toBe(Date.parse(dates[2]!.endsAt));
    expect(session.dates).toHaveLength(3);
    const overlap = await send(drane, 'POST', '/api/v1/sessions', {
      trackId: portal.world.tracks.teacherDisplay,
      venueName: 'Canopé',
      capacity: 10,
      dates: [dates[0], dates[0]],
    });
    expect(overlap.status).toBe(422);
    expect(overlap.json<{ errors: Record<string, string> }>().errors.dates).toContain('chevauchent');
  });

  it('moves one date and cancels another, answering who was told', async () => {
    const session = await createCourse();
    const booked = await send(teacher, 'POST', `/api/v1/sessions/${session.id}/registrations`, {});
    expect(booked.status).toBe(201);
    const [, second, third] = session.dates;
    const later = Date.parse(second!.startsAt) + DAY;
    const moved = await send(drane, 'PATCH', `/api/v1/sessions/${session.id}/dates/${second!.id}`, {
      startsAt: new Date(later).toISOString(),
      endsAt: new Date(later + 2 * HOUR).toISOString(),
    });
    expect(moved.status).toBe(200);
    const body = moved.json<Json & { notified: { email: number } }>();
    expect(Date.parse(body.session.dates[1]!.startsAt)).toBe(later);
    expect(body.notified).toBeDefined();
    const cancelled = await send(drane, 'POST', `/api/v1/sessions/${session.id}/dates/${third!.id}/cancel`, { reason: 'Salle prise' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json<Json>().session.dates[2]!.status).toBe('cancelled');
    const last = await send(drane, 'POST', `/api/v1/sessions/${session.id}/dates/${session.dates[0]!.id}/cancel`, { reason: 'Encore' });
    expect(last.status).toBe(200);
    const none = await send(drane, 'POST', `/api/v1/sessions/${session.id}/dates/${later}/cancel`, { reason: 'Inconnue' });
    expect(none.status).toBe(404);
    // The one date left is cancelled with the whole course.
    const lastHeld = await send(drane, 'POST', `/api/v1/sessions/${session.id}/dates/${second!.id}/cancel`, { reason: 'Encore' });
    expect(lastHeld.status).toBe(409);
    expect(lastHeld.json<{ error: string }>().error).toContain('cycle entier');
  });

  it('drops the cached session page the moment one date moves', async () => {
    const session = await createCourse();
    const visitor = new Client(portal.url);
    await visitor.get(`/sessions/${session.id}`);
    const warm = await visitor.get(`/sessions/${session.id}`);
    expect(warm.headers.get('x-render-cache')).toBe('hit');
    const second = session.dates[1]!;
    const later = Date.parse(second.startsAt) + DAY;
    const moved = await send(drane, 'PATCH', `/api/v1/sessions/${session.id}/dates/${second.id}`, {
      startsAt: new Date(later).toISOString(),
      endsAt: new Date(later + 2 * HOUR).toISOString(),
    });
    expect(moved.status).toBe(200);
    const after = await visitor.get(`/sessions/${session.id}`);
    expect(after.headers.get('x-render-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(warm.headers.get('etag'));
  });

  it('lets the trainer move a date from the dates page, without JavaScript', async () => {
    const session = await createCourse();
    const page = await drane.get(`/formateur/sessions/${session.id}/dates`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Déplacer cette date');
    const first = session.dates[0]!;
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(
      Date.parse(first.startsAt) + 2 * DAY,
    );
    const res = await drane.postForm(`/formateur/sessions/${session.id}/dates`, {
      intent: 'move-date',
      dateId: String(first.id),
      date: local,
      time: '18:00',
      duration: '90',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('fait=dateMoved');
  });
});

describe('a booking that waits for the inspector', () => {
  it('answers 202 with the request pending, and the approver page takes one answer', async () => {
    const path = `/api/v1/tracks/${portal.world.tracks.teacherDisplay}/approver`;
    expect((await send(teacher, 'PUT', path, { approverEmail: 'ien@ac-aix-marseille.fr' })).status).toBe(403);
    expect((await send(drane, 'PUT', path, { approverEmail: 'pas une adresse' })).status).toBe(422);
    expect(
      (await send(drane, 'PUT', `/api/v1/tracks/${portal.world.tracks.parentEnt}/approver`, { approverEmail: 'ien@ac-aix-marseille.fr' }))
        .status,
    ).toBe(409);
    const set = await send(drane, 'PUT', path, { approverEmail: 'IEN@ac-aix-marseille.fr' });
    expect(set.json()).toEqual({ track: { id: portal.world.tracks.teacherDisplay, approverEmail: 'ien@ac-aix-marseille.fr' } });
    // A Tuesday morning: school time.
    let start = Math.ceil((Date.now() + 10 * DAY) / DAY) * DAY + 8 * HOUR;
    while (new Date(start).getUTCDay() !== 2) start += DAY;
    const res = await send(drane, 'POST', '/api/v1/sessions', {
      trackId: portal.world.tracks.teacherDisplay,
      venueName: 'Canopé',
      capacity: 10,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
    });
    const { session } = res.json<Json>();
    const asked = await send(teacher, 'POST', `/api/v1/sessions/${session.id}/registrations`, {});
    expect(asked.status).toBe(202);
    expect(asked.json()).toMatchObject({ registration: null, approval: { status: 'pending' } });
    const page = await teacher.postForm(`/sessions/${session.id}`, { language: 'fr' });
    expect(page.text).toContain('À valider');
    const rs = await portal.db.$client.execute(`select payload from outbox where kind = 'approval-request' order by id desc limit 1`);
    const url = String(JSON.parse(String(rs.rows[0]!.payload)).url);
    const link = new URL(url).pathname;
    const anonymous = new Client(portal.url);
    expect((await anonymous.get(link)).text).toContain('accepte');
    const answered = await anonymous.postForm(link, { decision: 'approve' });
    expect(answered.text).toContain('accord donné');
    expect((await anonymous.get(link)).status).toBe(410);
    await setTrackApprover(portal.db, portal.world.tracks.teacherDisplay, null, { kind: 'system' });
  });
});
