// Property-based fuzzing of every public endpoint and form (fast-check, bounded runs): random
// and huge strings, invalid UTF-8, control and bidi characters, HTML and script, CRLF, numbers
// out of range, dates far away → a 4xx with a message or a correct 2xx, never a 5xx.
// What the accepted input turns into (pages, emails, invites) is in fuzz-output.test.ts.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const ids = { open: 0, teacher: 0, past: 0, cancelled: 0 };

const portal = testPortal({
  seed: async (db) => {
    ids.open = await createSession(db, { capacity: 5 });
    ids.teacher = await createSession(db, { audience: 'teacher' });
    ids.past = await createSession(db, { startsAt: Date.now() - 3 * DAY });
    ids.cancelled = await createSession(db, { status: 'cancelled' });
  },
});

const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 40) };

// A booking on the open session, for the properties that change one through its link.
let booked = 0;
async function bookedToken(): Promise<string> {
  booked++;
  const res = await send(
    'POST',
    `/api/v1/sessions/${ids.open}/registrations`,
    JSON.stringify({
      firstName: 'Fuzz',
      lastName: `Change${booked}`,
      phone: `06 77 00 00 ${String(booked).padStart(2, '0')}`,
      consent: true,
    }),
    'application/json',
  );
  return new URL((JSON.parse(res.body) as { registration: { manageUrl: string } }).registration.manageUrl).pathname.split('/').pop()!;
}

// Strings a person, a bot or an attacker may send.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table registrations; --",
  'Amina\r\nBcc: evil@example.com',
  'x@example.fr\r\nSubject: spam',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '\u0000nul',
  '\u0007bell',
  '\ud800',
  'BEGIN:VEVENT\r\nEND:VEVENT',
  '../../etc/passwd',
  '%00%0d%0a',
  '{{7*7}}${7*7}',
  'Zoë Ñandú 李 محمد',
  '   ',
  '',
] as const;
const text = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Up to 35 000 characters: nine such form fields stay under the 2 MiB body limit.
  fc.nat({ max: 35_000 }).map((n) => 'é'.repeat(n)),
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e308, -1e308), fc.bigInt().map(String));
const date = fc.oneof(
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('0000-00-00', '9999-12-31T23:59:59+14:00', '2027-02-30', '1969-12-31T23:59:59Z', '2027-01-15T25:61:00'),
);
const anyValue = fc.oneof(
  text,
  number,
  date,
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
// A path segment as sent on the wire: well-formed escapes, and broken ones (%FF, a lone
// surrogate's bytes, a cut escape, dot segments).
const segment = (values: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 5, arbitrary: values.map((s) => encodeURIComponent(s.toWellFormed()).slice(0, 3000)) },
    { weight: 1, arbitrary: fc.constantFrom('%ED%A0%80', '%FF%FE', '%', '%zz', '%C3', '..', '.%2e', '%2F..%2F', '%00') },
  );
const token = segment(
  fc.oneof(
    fc.stringMatching(/^[a-z2-7]{16,64}$/),
    text.filter((s) => s.length > 0),
  ),
);

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function send(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Answer> {
  const headers: Record<string, string> = { Origin: portal.url };
  if (contentType) headers['Content-Type'] = contentType;
  const res = await fetch(portal.url + path, { method, headers, body, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

// Never a 5xx; an API refusal is JSON with a message; a page refusal says something.
function assertAnswer(res: Answer, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  if (res.type.includes('application/json')) expect(typeof (JSON.parse(res.body) as { error?: unknown }).error, what).toBe('string');
  else expect(res.body.trim().length, `${what}: an empty ${res.status}`).toBeGreaterThan(0);
}

// Cut to 8 000 characters, sometimes through a %-escape: longer request lines get Node's own
// 431 before the portal sees them.
function query(params: Record<string, unknown>) {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]))
    .toString()
    .slice(0, 8000);
}

const catalogParams = fc.dictionary(
  fc.oneof(fc.constantFrom('audience', 'arrondissement', 'school', 'from', 'to', 'language', 'page', 'q', 'uai'), text),
  anyValue,
  { maxKeys: 6 },
);

describe('the JSON API', () => {
  it('GET /api/v1/sessions with any query', async () => {
    await fc.assert(
      fc.asyncProperty(catalogParams, async (params) => assertAnswer(await send('GET', `/api/v1/sessions?${query(params)}`), 'sessions')),
      RUNS,
    );
  });

  it('GET /api/v1/sessions/:id with any id', async () => {
    const id = segment(fc.oneof(fc.constantFrom(...Object.values(ids).map(String)), fc.bigInt().map(String), number.map(String), text));
    await fc.assert(
      fc.asyncProperty(id, async (raw) => assertAnswer(await send('GET', `/api/v1/sessions/${raw}`), `session ${raw}`)),
      RUNS,
    );
  });

  it('POST a booking with any JSON body', async () => {
    const person = fc.record(
      {
        firstName: anyValue,
        lastName: anyValue,
        email: anyValue,
        phone: anyValue,
        schoolUai: anyValue,
        language: anyValue,
        adults: fc.oneof(number, anyValue),
        consent: fc.oneof(fc.constant(true), anyValue),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof({ weight: 4, arbitrary: person }, { weight: 1, arbitrary: fc.jsonValue() });
    const session = fc.constantFrom(...Object.values(ids));
    await fc.assert(
      fc.asyncProperty(session, body, async (id, b) => {
        const res = await send('POST', `/api/v1/sessions/${id}/registrations`, JSON.stringify(b), 'application/json');
        assertAnswer(res, `booking ${JSON.stringify(b).slice(0, 200)}`);
        if (res.status < 300) expect((JSON.parse(res.body) as { registration: { code: string } }).registration.code).toMatch(/^[A-Z0-9]+$/);
      }),
      RUNS,
    );
  });

  it('POST a well-formed booking with any name: refused with the field named, or kept as given', async () => {
    let n = 0;
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    await fc.assert(
      fc.asyncProperty(text, text, async (firstName, lastName) => {
        const phone = `07${String(10_000_000 + n++).padStart(8, '0')}`;
        const res = await send(
          'POST',
          `/api/v1/sessions/${ids.open}/registrations`,
          JSON.stringify({ firstName, lastName, phone, consent: true }),
          'application/json',
        );
        assertAnswer(res, `names ${JSON.stringify([firstName, lastName]).slice(0, 200)}`);
        const body = JSON.parse(res.body) as { registration?: { manageUrl: string }; errors?: Record<string, string> };
        const clean = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
        // Whitespace of any kind (CR and LF included) folds into one space; other control and
        // bidi characters, and broken UTF-16, are refused.
        if ([firstName, lastName].some((s) => unsafe.test(clean(s)) || !s.isWellFormed())) expect([413, 422]).toContain(res.status);
        if (res.status === 422) expect(Object.keys(body.errors ?? {}).some((f) => f === 'firstName' || f === 'lastName')).toBe(true);
        if (res.status !== 201) return;
        const token = new URL(body.registration!.manageUrl).pathname.split('/').pop();
        const kept = JSON.parse((await send('GET', `/api/v1/manage/${token}`)).body) as {
          registration: { firstName: string; lastName: string };
        };
        expect([kept.registration.firstName, kept.registration.lastName]).toEqual([clean(firstName), clean(lastName)]);
      }),
      RUNS,
    );
  });

  it('POST a booking whose body is not UTF-8, not JSON or not declared as JSON', async () => {
    const bytes = fc
      .uint8Array({ maxLength: 200 })
      .map((a) => Buffer.concat([Buffer.from('{"firstName":"'), Buffer.from(a), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]));
    const type = fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    );
    await fc.assert(
      fc.asyncProperty(bytes, type, async (b, ct) =>
        assertAnswer(await send('POST', `/api/v1/sessions/${ids.open}/registrations`, b, ct), `bytes as ${ct}`),
      ),
      RUNS,
    );
  });

  it('GET and DELETE /api/v1/manage/:token with any token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'DELETE'), token, async (method, tk) =>
        assertAnswer(await send(method, `/api/v1/manage/${tk}`), `${method} manage ${tk}`),
      ),
      RUNS,
    );
  });

  it('PATCH /api/v1/manage/:token (change date or adults) with any body, on a real booking', async () => {
    const held = await bookedToken();
    const body = fc.oneof(
      fc.record({ sessionId: fc.oneof(anyValue, fc.constantFrom(...Object.values(ids))), adults: anyValue }, { requiredKeys: [] }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) =>
        assertAnswer(
          await send('PATCH', `/api/v1/manage/${held}`, JSON.stringify(b), 'application/json'),
          `PATCH manage ${JSON.stringify(b)?.slice(0, 200)}`,
        ),
      ),
      RUNS,
    );
  });

  it('POST /api/v1/auth/login with any body', async () => {
    const body = fc.oneof(fc.record({ email: anyValue, password: anyValue }, { requiredKeys: [] }), fc.jsonValue());
    await fc.assert(
      fc.asyncProperty(body, async (b) =>
        assertAnswer(await send('POST', '/api/v1/auth/login', JSON.stringify(b), 'application/json'), 'login'),
      ),
      { numRuns: 15 },
    );
  });
});

describe('pages and forms', () => {
  afterAll(() => {
    // Every refusal was a deliberate one: nothing reached the "unexpected error" path.
    expect(portal.server.output()).not.toMatch(/unexpected error/);
  });

  const lang = fc.constantFrom('', '/ar', '/en', '/xx');

  it('the catalog with any query', async () => {
    await fc.assert(
      fc.asyncProperty(lang, catalogParams, async (l, params) => assertAnswer(await send('GET', `${l}/?${query(params)}`), 'catalog')),
      RUNS,
    );
  });

  it('the booking form with any fields, bytes or encoding', async () => {
    const fields = fc.dictionary(
      fc.oneof(fc.constantFrom('firstName', 'lastName', 'email', 'phone', 'schoolUai', 'language', 'adults', 'consent'), text),
      text,
      { maxKeys: 9 },
    );
    const encoded = fc.oneof(
      fields.map((f) => ({ body: new URLSearchParams(f).toString() as BodyInit, type: 'application/x-www-form-urlencoded' })),
      fc.uint8Array({ maxLength: 300 }).map((a) => ({ body: Buffer.from(a) as BodyInit, type: 'application/x-www-form-urlencoded' })),
      fc.string({ maxLength: 200 }).map((s) => ({ body: s as BodyInit, type: 'multipart/form-data; boundary=xyz' })),
      fields.map((f) => ({ body: JSON.stringify(f) as BodyInit, type: 'text/plain' })),
    );
    const session = fc.constantFrom(...Object.values(ids));
    await fc.assert(
      fc.asyncProperty(lang, session, encoded, async (l, id, { body, type }) =>
        assertAnswer(await send('POST', `${l}/sessions/${id}`, body, type), `form ${type} ${String(body).slice(0, 200)}`),
      ),
      RUNS,
    );
  });

  it('the manage link page and its cancel form with any token', async () => {
    const action = fc.constantFrom('cancel', '', 'delete', '<script>');
    await fc.assert(
      fc.asyncProperty(lang, token, action, async (l, tk, a) => {
        const path = `${l}/r/${tk}`;
        assertAnswer(await send('GET', path), `GET ${path}`);
        assertAnswer(await send('POST', path, new URLSearchParams({ action: a }), 'application/x-www-form-urlencoded'), `POST ${path}`);
        assertAnswer(await send('GET', `/r/${tk}/invite.ics`), `invite ${tk}`);
      }),
      { numRuns: 25 },
    );
  });

  it("the manage page's change forms with any fields, on a real booking", async () => {
    const held = await bookedToken();
    const fields = fc.record(
      {
        action: fc.constantFrom('move', 'adults'),
        session: fc.oneof(text, fc.constantFrom(...Object.values(ids).map(String))),
        adults: fc.oneof(text, fc.constantFrom('1', '2', '3')),
      },
      { requiredKeys: ['action'] },
    );
    await fc.assert(
      fc.asyncProperty(lang, fields, async (l, f) =>
        assertAnswer(
          await send('POST', `${l}/r/${held}`, new URLSearchParams(f), 'application/x-www-form-urlencoded'),
          `change ${JSON.stringify(f).slice(0, 200)}`,
        ),
      ),
      RUNS,
    );
  });

  it('the sign-in, sign-up and forgotten-password forms, and the emailed links', async () => {
    const form = fc.record({ email: text, password: text, name: text, schoolUai: text, q: text }, { requiredKeys: [] });
    const page = fc.constantFrom('/login', '/login?next=//evil.example', '/inscription', '/mot-de-passe-oublie');
    const link = fc.constantFrom('/confirmer/', '/invitation/', '/reinitialiser/', '/calendar/');
    await fc.assert(
      fc.asyncProperty(page, form, link, token, async (p, f, l, tk) => {
        assertAnswer(
          await send('POST', p, new URLSearchParams(f as Record<string, string>), 'application/x-www-form-urlencoded'),
          `POST ${p}`,
        );
        assertAnswer(await send('GET', `${l}${tk}${l === '/calendar/' ? '.ics' : ''}`), `GET ${l}${tk}`);
      }),
      { numRuns: 15 },
    );
  });
});
