// Teachers' training that counts (issue 17): tracks the Drane manages move readiness, the
// yearly record sums hours within the school year, attestations are PDFs (read back with
// pdfjs-dist) whose verification link opens a public page, and nobody else downloads them;
// inviting the untrained and the yearly attestation by email (PDF attached), over real SMTP.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createUser } from '~/features/accounts/users.server';
import { SYSTEM } from '~/features/audit/audit.server';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { Client, createAccounts, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { drain, mailsTo } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession, DAY } from '../helpers/world';

// pdfjs reads the PDF's standard fonts (Helvetica) from its own files.
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

let people: Accounts;
let otherTeacher: { id: number; email: string };
let drane: Client;
let teacher: Client;
let smtp: TestSmtp;
let worker: OutboxWorker;

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    const other = await createUser(
      db,
      { role: 'teacher', email: 'jules.collegue@ac-aix-marseille.fr', name: 'Jules Collègue', schoolUai: '0130001A', password: PASSWORD },
      SYSTEM,
    );
    if (!other.ok) throw new Error('no second teacher');
    otherTeacher = other.user;
    // Belsunce (the teacher persona's school, 12 teachers) receives 8 projectors; it has a school address.
    await db.$client.batch(
      [
        `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on) values ('0130001A', 'projector', 8, '2026-09-01', '2026-09-15')`,
        `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on) values ('0130001A', 'tablet', 20, '2026-10-01', null)`,
        `update schools set contact_email = 'ce.0130001a@ac-aix-marseille.fr' where uai = '0130001A'`,
      ],
      'write',
    );
  },
});

beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
  teacher = await signedIn(portal.url, people.teacher.email);
  smtp = await startSmtp();
  worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, log: () => {} });
});

afterAll(async () => {
  await worker.stop();
  await smtp.stop();
});

async function rows<T = Record<string, unknown>>(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as T[];
}

// A teacher booked on a (past) session, then marked present by Drane staff over the API.
async function attend(userId: number, email: string, sessionId: number): Promise<number> {
  const [reg] = await rows<{ id: number }>(
    `insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
      values (?, 'confirmed', 'T', 'T', ?, ?, ?) returning id`,
    [sessionId, email, userId, `C${sessionId}${userId}`.slice(0, 12)],
  );
  const res = await drane.request('PUT', `/api/v1/registrations/${reg!.id}/attendance`, {
    body: JSON.stringify({ present: true }),
    headers: { 'Content-Type': 'application/json' },
  });
  expect(res.status, res.text).toBe(200);
  return Number(reg!.id);
}

async function projectorReadiness() {
  const res = await drane.get('/api/v1/readiness?arrondissement=1');
  const body = res.json<{
    schools: { uai: string; equipment: { kind: string; trainedTeachers: number }[] }[];
    kindsWithoutTrack: { kind: string }[];
  }>();
  const belsunce = body.schools.find((s) => s.uai === '0130001A')!;
  return {
    projector: belsunce.equipment.find((e) => e.kind === 'projector')!,
    kindsWithoutTrack: body.kindsWithoutTrack.map((k) => k.kind),
  };
}

async function pdfText(bytes: Uint8Array) {
  const doc = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n');
  const links = (await page.getAnnotations()).map((a: { url?: string }) => a.url).filter(Boolean);
  return { text, links };
}

async function download(client: Client, path: string) {
  const res = await fetch(new URL(path, portal.url), {
    redirect: 'manual',
    headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

let projectorTrack: number;
const now = Date.now();
// Sessions of this school year that have already happened (the tests run during 2026-2027 or later:
// keep them within the year that contains "now", in its past).
const yearOfNow = (() => {
  const d = new Date(now);
  const y = d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return { from: Date.parse(`${y}-09-01T00:00:00+02:00`), label: `${y}-${y + 1}` };
})();

describe('tracks', () => {
  it('a Drane track for projectors makes a projector school’s readiness move when a teacher attends', async () => {
    const before = await projectorReadiness();
    expect(before.projector.trainedTeachers).toBe(0);
    expect(before.kindsWithoutTrack).toContain('projector');

    const created = await drane.postJson('/api/v1/tracks', {
      title: 'Le vidéoprojecteur en classe',
      audience: 'teacher',
      equipmentKinds: ['projector'],
      hours: 3,
      gaiaModule: '26A0130045',
    });
    expect(created.status, created.text).toBe(201);
    const { track } = created.json<{ track: { id: number; equipmentKinds: string[]; hours: number; gaiaModule: string } }>();
    expect(track).toMatchObject({ equipmentKinds: ['projector'], hours: 3, gaiaModule: '26A0130045' });
    projectorTrack = track.id;
    const listed = (await new Client(portal.url).get('/api/v1/tracks')).json<{ tracks: { id: number; equipmentKinds: string[] }[] }>();
    expect(listed.tracks.find((t) => t.id === track.id)?.equipmentKinds).toEqual(['projector']);
    expect((await projectorReadiness()).kindsWithoutTrack).not.toContain('projector');

    const sessionId = await createSession(portal.db, {
      audience: 'teacher',
      trackId: track.id,
      startsAt: Math.max(yearOfNow.from + DAY, now - 20 * DAY),
      title: 'Le vidéoprojecteur en classe',
    });
    await attend(people.teacher.id, people.teacher.email, sessionId);
    const after = await projectorReadiness();
    expect(after.projector.trainedTeachers).toBe(1);
    const audit = await rows<{ action: string }>(`select action from audit_log where subject_type = 'track' and subject_id = ?`, [
      String(track.id),
    ]);
    expect(audit.map((a) => a.action)).toEqual(['track.create']);
  });

  it('only the Drane and admins write teacher tracks, the Ligue its parent tracks; bad input gets field errors', async () => {
    const ligue = await signedIn(portal.url, people.trainer.email);
    expect((await ligue.postJson('/api/v1/tracks', { title: 'Pour enseignants', audience: 'teacher', equipmentKinds: [] })).status).toBe(
      403,
    );
    expect((await teacher.postJson('/api/v1/tracks', { title: 'Moi', audience: 'teacher', equipmentKinds: [] })).status).toBe(403);
    const parent = await ligue.postJson('/api/v1/tracks', {
      title: 'La tablette de mon enfant',
      audience: 'parent',
      equipmentKinds: ['tablet'],
      translations: { ar: { title: 'لوحة طفلي' }, en: { title: "My child's tablet" } },
    });
    expect(parent.status, parent.text).toBe(201);
    const parentTrack = parent.json<{ track: { id: number; translations: unknown } }>().track;
    expect(parentTrack.translations).toEqual({ ar: { title: 'لوحة طفلي' }, en: { title: "My child's tablet" } });
    expect(
      (
        await drane.request('PATCH', `/api/v1/tracks/${parentTrack.id}`, {
          body: '{"title":"Non"}',
          headers: { 'Content-Type': 'application/json' },
        })
      ).status,
    ).toBe(403);
    const bad = await drane.postJson('/api/v1/tracks', { title: 'x', audience: 'teacher', equipmentKinds: ['toaster'], hours: -1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json<{ errors: Record<string, string> }>().errors).sort()).toEqual(['equipmentKinds', 'hours', 'title']);
  });

  it('retiring a track takes it off the list and out of "covered" kinds, and is audited', async () => {
    const t = await drane.postJson('/api/v1/tracks', { title: 'Tablettes en maternelle', audience: 'teacher', equipmentKinds: ['tablet'] });
    const id = t.json<{ track: { id: number } }>().track.id;
    expect((await projectorReadiness()).kindsWithoutTrack).not.toContain('tablet');
    const retired = await drane.request('PATCH', `/api/v1/tracks/${id}`, {
      body: '{"retired":true}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(retired.json<{ track: { retired: boolean } }>().track.retired).toBe(true);
    const listed = (await drane.get('/api/v1/tracks')).json<{ tracks: { id: number }[] }>();
    expect(listed.tracks.some((x) => x.id === id)).toBe(false);
    expect((await projectorReadiness()).kindsWithoutTrack).toContain('tablet');
    const audit = await rows<{ action: string }>(
      `select action from audit_log where subject_type = 'track' and subject_id = ? order by id`,
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['track.create', 'track.retire']);
  });
});

describe('the training record', () => {
  it('sums the hours of trainings attended within the school year, and not outside', async () => {
    // Last school year: not counted this year.
    const lastYear = await createSession(portal.db, { audience: 'teacher', trackId: projectorTrack, startsAt: yearOfNow.from - 30 * DAY });
    await attend(people.teacher.id, people.teacher.email, lastYear);
    // This year, a track without hours: the session's 2 h count.
    const plain = await createSession(portal.db, {
      audience: 'teacher',
      trackId: 2,
      startsAt: Math.max(yearOfNow.from + 2 * DAY, now - 10 * DAY),
      durationMinutes: 120,
    });
    await attend(people.teacher.id, people.teacher.email, plain);
    // Booked ahead, not attended.
    const ahead = await createSession(portal.db, { audience: 'teacher', trackId: 2, startsAt: now + 5 * DAY, durationMinutes: 90 });
    const booked = await teacher.postJson(`/api/v1/sessions/${ahead}/registrations`, { consent: true });
    expect(booked.status, booked.text).toBe(201);

    const res = await teacher.get('/api/v1/me/training-record');
    expect(res.status).toBe(200);
    const record = res.json<{
      schoolYear: string;
      hours: number;
      obligationHours: number;
      trainings: { sessionId: number; title: string; startsAt: string; hours: number; gaiaModule: string | null; certificateUrl: string }[];
      bookedHours: number;
    }>();
    expect(record.schoolYear).toBe(yearOfNow.label);
    expect(record.obligationHours).toBe(18);
    expect(record.hours).toBe(5); // 3 h (projector track) + 2 h (session length)
    expect(record.trainings.map((t) => t.hours).sort()).toEqual([2, 3]);
    expect(record.trainings.find((t) => t.hours === 3)).toMatchObject({
      gaiaModule: '26A0130045',
      certificateUrl: expect.stringMatching(/\/enseignant\/attestations\/\d+\.pdf$/),
    });
    expect(record.trainings.every((t) => t.sessionId !== lastYear)).toBe(true);
    expect(record.bookedHours).toBe(1.5);

    const previous = (
      await teacher.get(`/api/v1/me/training-record?schoolYear=${Number(yearOfNow.label.slice(0, 4)) - 1}-${yearOfNow.label.slice(0, 4)}`)
    ).json<{ hours: number }>();
    expect(previous.hours).toBe(3);
    expect((await drane.get('/api/v1/me/training-record')).status).toBe(403);
    expect((await new Client(portal.url).get('/api/v1/me/training-record')).status).toBe(401);
  });
});

describe('attestations', () => {
  it('a PDF names the teacher, the training and its hours, and links to the public page; another teacher gets 403', async () => {
    const record = (await teacher.get('/api/v1/me/training-record')).json<{ trainings: { hours: number; certificateUrl: string }[] }>();
    const url = new URL(record.trainings.find((t) => t.hours === 3)!.certificateUrl);
    const pdf = await download(teacher, url.pathname);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const { text, links } = await pdfText(pdf.bytes);
    expect(text).toContain('Claire Enseignante');
    expect(text).toContain('Le vidéoprojecteur en classe');
    expect(text).toMatch(/3 h/);
    expect(text).toContain('26A0130045');
    expect(text).toContain('Drane Aix-Marseille');
    const verify = links.find((l) => l!.includes('/attestation/'))!;
    expect(verify).toMatch(/\/attestation\/[a-z2-7]{32}$/);

    const page = await new Client(portal.url).get(new URL(verify).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cette attestation est valable.');
    expect(page.text).toContain('Claire Enseignante');
    expect(page.text).toContain('Le vidéoprojecteur en classe');
    expect(page.text).not.toContain(people.teacher.email);
    expect(page.text).not.toContain('Belsunce');

    // The same download gives the same code; another teacher is refused; Drane staff may.
    expect((await pdfText((await download(teacher, url.pathname)).bytes)).links).toContain(verify);
    const other = await signedIn(portal.url, otherTeacher.email);
    expect((await download(other, url.pathname)).status).toBe(403);
    expect((await download(drane, url.pathname)).status).toBe(200);
    expect((await download(new Client(portal.url), url.pathname)).status).toBe(302);
    expect((await new Client(portal.url).get('/attestation/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
  });

  it('the yearly attestation sums the year; un-marking a training makes it invalid', async () => {
    const yearPath = `/enseignant/attestations/annee/${yearOfNow.label}.pdf`;
    const pdf = await download(teacher, yearPath);
    expect(pdf.status).toBe(200);
    const { text, links } = await pdfText(pdf.bytes);
    expect(text).toContain(`Total : 5 h sur 18 h`);
    const other = await signedIn(portal.url, otherTeacher.email);
    expect((await download(other, `${yearPath}?enseignant=${people.teacher.id}`)).status).toBe(403);

    const [reg] = await rows<{ id: number }>(
      `select r.id from registrations r join sessions s on s.id = r.session_id where r.user_id = ? and s.track_id = 2 and s.starts_at < ? limit 1`,
      [people.teacher.id, now],
    );
    await drane.request('PUT', `/api/v1/registrations/${reg!.id}/attendance`, {
      body: '{"present":false}',
      headers: { 'Content-Type': 'application/json' },
    });
    const page = await new Client(portal.url).get(new URL(links.find((l) => l!.includes('/attestation/'))!).pathname);
    expect(page.text).toContain('Cette attestation n&#39;est plus valable');
    await drane.request('PUT', `/api/v1/registrations/${reg!.id}/attendance`, {
      body: '{"present":true}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('Drane staff email every teacher of a school their yearly attestation, the PDF attached', async () => {
    const sent = await drane.postForm('/drane/ecoles/0130001A', { intent: 'send-attestations' });
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('fait=sent&n=1');
    await drain(worker);
    const mail = mailsTo(smtp.mails, people.teacher.email).find((m) => m.parsed.subject?.startsWith('Votre attestation'));
    expect(mail, 'the attestation mail').toBeDefined();
    const attachment = mail!.parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(attachment.filename).toMatch(/^attestation-\d{4}-\d{4}-claire-enseignante\.pdf$/);
    expect((await pdfText(new Uint8Array(attachment.content))).text).toContain('Claire Enseignante');
    expect((await teacher.postForm('/drane/ecoles/0130001A', { intent: 'send-attestations' })).status).toBe(403);
    const audit = await rows(`select 1 from audit_log where action = 'attestations.send-year' and subject_id = '0130001A'`);
    expect(audit).toHaveLength(1);
  });
});

describe('inviting the untrained', () => {
  it('one audited action invites the school’s teachers not trained for the session’s kind, and the school’s address', async () => {
    const sessionId = await createSession(portal.db, {
      audience: 'teacher',
      trackId: projectorTrack,
      startsAt: now + 10 * DAY,
      title: 'Le vidéoprojecteur en classe',
    });
    const school = await drane.get('/drane/ecoles/0130001A');
    expect(school.text).toContain('Jules Collègue');
    expect(school.text).toContain('Inviter les enseignants non formés');
    const city = await signedIn(portal.url, people.city.email);
    const cityView = await city.get('/drane/ecoles/0130001A');
    expect(cityView.text).toContain('Formés : 1');
    expect(cityView.text).not.toContain('Jules Collègue');
    expect((await city.postForm('/drane/ecoles/0130001A', { intent: 'invite-untrained', sessionId: String(sessionId) })).status).toBe(403);

    const res = await drane.postForm('/drane/ecoles/0130001A', { intent: 'invite-untrained', sessionId: String(sessionId) });
    expect(res.status).toBe(303);
    expect(res.location).toContain('fait=invited&n=1');
    await drain(worker);
    expect(mailsTo(smtp.mails, otherTeacher.email).map((m) => m.parsed.subject)).toEqual([
      expect.stringContaining('Le vidéoprojecteur en classe'),
    ]);
    expect(mailsTo(smtp.mails, 'ce.0130001a@ac-aix-marseille.fr')).toHaveLength(1);
    // The trained teacher is not invited; a second click sends nothing new.
    expect(mailsTo(smtp.mails, people.teacher.email).filter((m) => m.parsed.subject?.includes('Formation'))).toHaveLength(0);
    await drane.postForm('/drane/ecoles/0130001A', { intent: 'invite-untrained', sessionId: String(sessionId) });
    await drain(worker);
    expect(mailsTo(smtp.mails, otherTeacher.email)).toHaveLength(1);
    const audit = await rows<{ details: string }>(
      `select details from audit_log where action = 'session.invite-untrained' and subject_id = ?`,
      [String(sessionId)],
    );
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ school: '0130001A', kinds: ['projector'], teachers: [otherTeacher.id] });
  });
});

describe('the staff and teacher pages', () => {
  it('Drane staff create and retire a track with the no-JS form; a teacher may not open it', async () => {
    expect((await drane.get('/parcours')).status).toBe(200);
    const bad = await drane.postForm('/parcours', { title: 'x', audience: 'teacher', hours: 'trois' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Donnez un titre');
    expect(bad.text).toContain('Indiquez un nombre d&#39;heures');
    const made = await drane.postForm('/parcours', {
      title: 'Le portable enseignant',
      audience: 'teacher',
      'kind-teacher-laptop': '1',
      hours: '1,5',
      gaiaModule: '26A0130099',
    });
    expect(made.status, made.text).toBe(303);
    const id = Number(/\/parcours\/(\d+)/.exec(made.location ?? '')![1]);
    const listed = (await drane.get('/api/v1/tracks?details=1')).json<{
      tracks: { id: number; equipmentKinds: string[]; hours: number }[];
    }>();
    expect(listed.tracks.find((t) => t.id === id)).toMatchObject({ equipmentKinds: ['teacher-laptop'], hours: 1.5 });
    const retired = await drane.postForm(`/parcours/${id}`, { intent: 'retire' });
    expect(retired.location).toContain('fait=retire');
    expect((await teacher.get('/parcours')).status).toBe(403);
  });

  it('the dashboard says plainly which equipment no training covers', async () => {
    const page = await drane.get('/drane');
    expect(page.text).toContain('Aucune formation proposée pour les tablettes.');
    expect(page.text).not.toContain('Aucune formation proposée pour les vidéoprojecteurs.');
  });

  it('the teacher home marks trainings already attended and asks before booking one again', async () => {
    const again = await createSession(portal.db, {
      audience: 'teacher',
      trackId: projectorTrack,
      startsAt: now + 12 * DAY,
      title: 'Le vidéoprojecteur en classe (bis)',
    });
    const home = await teacher.get('/enseignant');
    expect(home.text).toContain('Déjà suivie');
    expect(home.text).toMatch(/h suivies sur 18 h/);
    const ask = await teacher.postForm('/enseignant', { sessionId: String(again) });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Vous l&#39;avez déjà suivie');
    expect((await rows(`select 1 from registrations where session_id = ? and user_id = ?`, [again, people.teacher.id])).length).toBe(0);
    const booked = await teacher.postForm('/enseignant', { sessionId: String(again), again: '1' });
    expect(booked.status).toBe(303);
    const confirmation = await teacher.get(booked.location!);
    expect(confirmation.text).not.toContain('Adultes');
    expect(confirmation.text).toContain('Claire Enseignante');
  });
});
