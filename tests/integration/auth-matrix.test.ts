// The authorization matrix: every protected route × every role (and anonymous) → the status
// they get. Later issues add their routes to ROUTES; the rules themselves live in
// src/features/auth/permissions.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createAccounts, signedIn, type Accounts, type Persona } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

type Who = Persona | 'anonymous';
const EVERYONE: Who[] = [
  'anonymous',
  'teacher',
  'unconfirmed-teacher',
  'trainer',
  'coordinator',
  'drane-trainer',
  'drane',
  'city',
  'admin',
];
const SIGNED_IN = EVERYONE.filter((w) => w !== 'anonymous');

// Ids of what the routes act on, made in beforeAll.
interface Fixtures {
  parentSession: number;
  teacherSession: number;
  parentRegistration: number;
  // A Ligue session the Ligue trainer does not run, and a booking of it.
  colleagueSession: number;
  colleagueRegistration: number;
}

interface MatrixRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string | ((f: Fixtures) => string);
  body?: unknown;
  expect: Record<Who, number>;
}

// A page: the allowed get `ok`, anonymous people are sent to /login (302), others get 403.
function page(path: MatrixRoute['path'], allowed: Who[], ok = 200): MatrixRoute {
  return {
    method: 'GET',
    path,
    expect: Object.fromEntries(EVERYONE.map((w) => [w, allowed.includes(w) ? ok : w === 'anonymous' ? 302 : 403])) as Record<Who, number>,
  };
}

// An endpoint: the allowed get `ok`, anonymous 401, others 403; `over` for the exceptions.
function api(
  method: MatrixRoute['method'],
  path: MatrixRoute['path'],
  allowed: Who[],
  ok: number,
  body?: unknown,
  over: Partial<Record<Who, number>> = {},
): MatrixRoute {
  const expect = Object.fromEntries(EVERYONE.map((w) => [w, allowed.includes(w) ? ok : w === 'anonymous' ? 401 : 403])) as Record<
    Who,
    number
  >;
  return { method, path, body, expect: { ...expect, ...over } };
}

const ROUTES: MatrixRoute[] = [
  page('/espace', SIGNED_IN),
  page('/compte', SIGNED_IN),
  page('/enseignant', ['teacher', 'unconfirmed-teacher', 'admin']),
  page('/formateur', ['trainer', 'coordinator', 'drane-trainer', 'drane', 'admin']),
  page('/drane', ['drane', 'city', 'admin']),
  // Readiness: Drane, city staff and admins read it; equipment is the city's (and admins').
  page('/drane/ecoles/0130001A', ['drane', 'city', 'admin']),
  page('/drane/ecoles/0130001A/equipement', ['city', 'admin']),
  page('/drane/equipement/import', ['city', 'admin']),
  page('/drane/rapports', ['drane', 'city', 'admin']),
  page('/drane/rapports/2020-W01', ['drane', 'city', 'admin'], 404),
  api('GET', '/api/v1/readiness', ['drane', 'city', 'admin'], 200),
  api('GET', '/api/v1/readiness?format=csv', ['drane', 'city', 'admin'], 200),
  api('GET', '/api/v1/tracks', EVERYONE, 200),
  page('/admin', ['admin']),
  page('/admin/utilisateurs', ['admin']),
  page('/admin/outbox', ['admin']),
  page('/admin/outbox/999999', ['admin'], 404),
  // The training bodies' public name and contact: admins only; an admin's empty form is a 422.
  page('/admin/organismes', ['admin']),
  page('/admin/organismes/ligue', ['admin']),
  page('/admin/organismes/nowhere', ['admin'], 404),
  { ...page('/admin/organismes/ligue', ['admin'], 422), method: 'POST', body: {} },
  // Personal data (GDPR): admins only. Export and erasure are posted; an admin's empty form is a
  // 422 (the guard comes first, nothing is read or changed), anyone else is refused as for the page.
  page('/admin/donnees-personnelles', ['admin']),
  { ...page('/admin/donnees-personnelles', ['admin'], 422), method: 'POST', body: {} },
  // Only a confirmed teacher books a teacher session, for themself.
  api('POST', (f) => `/api/v1/sessions/${f.teacherSession}/registrations`, ['teacher'], 201, {}),
  // The trainer workspace: a trainer on the sessions they run (the Ligue's parent session here),
  // the Ligue's coordinator on all of the Ligue's, Drane staff on teacher sessions, admins everywhere.
  page('/formateur/sessions/nouvelle', ['trainer', 'coordinator', 'drane-trainer', 'drane', 'admin']),
  page((f) => `/formateur/sessions/${f.parentSession}`, ['trainer', 'coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.teacherSession}`, ['drane-trainer', 'drane', 'admin']),
  page((f) => `/formateur/sessions/${f.parentSession}/modifier`, ['trainer', 'coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.parentSession}/presences`, ['trainer', 'coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.parentSession}/emargement`, ['trainer', 'coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.parentSession}/export.csv`, ['trainer', 'coordinator', 'admin']),
  // Writes answer 422 to an empty body once allowed: the guard comes first, nothing changes.
  api('POST', '/api/v1/sessions', ['trainer', 'coordinator', 'drane-trainer', 'drane', 'admin'], 422, {}),
  api('PATCH', (f) => `/api/v1/sessions/${f.parentSession}`, ['trainer', 'coordinator', 'admin'], 422, {}),
  api('PATCH', (f) => `/api/v1/sessions/${f.teacherSession}`, ['drane-trainer', 'drane', 'admin'], 422, {}),
  api('POST', (f) => `/api/v1/sessions/${f.parentSession}/cancel`, ['trainer', 'coordinator', 'admin'], 422, {}),
  api('GET', (f) => `/api/v1/sessions/${f.parentSession}/registrations`, ['trainer', 'coordinator', 'admin'], 200),
  api('GET', (f) => `/api/v1/sessions/${f.teacherSession}/registrations`, ['drane-trainer', 'drane', 'admin'], 200),
  api('PUT', (f) => `/api/v1/registrations/${f.parentRegistration}/attendance`, ['trainer', 'coordinator', 'admin'], 422, {}),
  // A session of the Ligue the Ligue trainer does not run (issue 14.6): its attendees are for the
  // coordinator (and admins); planning it stays open to the organisation's trainers.
  page((f) => `/formateur/sessions/${f.colleagueSession}`, ['coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.colleagueSession}/presences`, ['coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.colleagueSession}/emargement`, ['coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.colleagueSession}/export.csv`, ['coordinator', 'admin']),
  page((f) => `/formateur/sessions/${f.colleagueSession}/modifier`, ['trainer', 'coordinator', 'admin']),
  api('GET', (f) => `/api/v1/sessions/${f.colleagueSession}/registrations`, ['coordinator', 'admin'], 200),
  api('PUT', (f) => `/api/v1/registrations/${f.colleagueRegistration}/attendance`, ['coordinator', 'admin'], 422, {}),
];

let people: Accounts;
let fixtures: Fixtures;
const clients = new Map<Who, Client>();

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    fixtures = {
      parentSession: await createSession(db, { startsAt: Date.now() + 4 * DAY, capacity: 40 }),
      teacherSession: await createSession(db, { audience: 'teacher', startsAt: Date.now() + 5 * DAY, capacity: 40 }),
      parentRegistration: 0,
      colleagueSession: await createSession(db, { startsAt: Date.now() + 6 * DAY, capacity: 40, trainerId: null }),
      colleagueRegistration: 0,
    };
    const booked = await db.$client.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, phone, code)
          values (?, 'confirmed', 'Amina', 'Benali', '+33600000000', 'MATRIX') returning id`,
      args: [fixtures.parentSession],
    });
    fixtures.parentRegistration = Number(booked.rows[0]!.id);
    const colleagues = await db.$client.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, phone, code)
          values (?, 'confirmed', 'Karim', 'Haddad', '+33600000001', 'MATRI2') returning id`,
      args: [fixtures.colleagueSession],
    });
    fixtures.colleagueRegistration = Number(colleagues.rows[0]!.id);
  },
});

beforeAll(async () => {
  clients.set('anonymous', new Client(portal.url));
  for (const who of SIGNED_IN) clients.set(who, await signedIn(portal.url, people[who as Persona].email));
});

describe.each(
  ROUTES.map(
    (r) =>
      [
        typeof r.path === 'string'
          ? `${r.method} ${r.path}`
          : `${r.method} ${r.path({ parentSession: 0, teacherSession: 0, parentRegistration: 0, colleagueSession: 0, colleagueRegistration: 0 }).replace(/\/0(\/|$)/g, '/:id$1')}`,
        r,
      ] as const,
  ),
)('%s', (_name, route) => {
  it.each(EVERYONE)('%s', async (who) => {
    const path = typeof route.path === 'string' ? route.path : route.path(fixtures);
    const client = clients.get(who)!;
    const res =
      route.body === undefined
        ? await client.request(route.method, path)
        : await client.request(route.method, path, { body: JSON.stringify(route.body), headers: { 'Content-Type': 'application/json' } });
    expect(res.status, `${who} ${route.method} ${path}: ${res.text.slice(0, 200)}`).toBe(route.expect[who]);
    if (res.status === 302) expect(res.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    if (res.status === 401 || (res.status === 403 && !path.startsWith('/api/'))) expect(res.text).not.toContain('Bonjour');
    if (path.startsWith('/api/') && res.status >= 400) expect(res.json()).toHaveProperty('error');
  });
});
