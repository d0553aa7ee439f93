// Issue 17, the teacher's side of booking (through HTTP, real SMTP, real outbox): a training
// already attended is asked about on the session page and, when the client asks, in the API;
// requests waiting for the IEN are listed on the teacher home and withdrawn there; a full
// session's waitlist keeps a teacher's place while the IEN is asked, never seats them before
// the answer, and a pending request holds nobody else back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '~/features/accounts/users.server';
import { SYSTEM } from '~/features/audit/audit.server';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import { Client, createAccounts, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { drain, mailsTo } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession, DAY } from '../helpers/world';

const IEN = 'ien.marseille1@ac-aix-marseille.fr';
let people: Accounts;
let drane: Client;
let teacher: Client;
let smtp: TestSmtp;
let worker: OutboxWorker;
const colleagues: { id: number; email: string; client?: Client }[] = [];

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    for (const name of ['Jules Un', 'Inès Deux', 'Omar Trois']) {
      const email = `${name
        .split(' ')[0]!
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@ac-aix-marseille.fr`;
      const made = await createUser(db, { role: 'teacher', email, name, schoolUai: '0130001A', password: PASSWORD }, SYSTEM);
      if (!made.ok) throw new Error(name);
      colleagues.push({ id: made.user.id, email });
    }
  },
});

beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
  teacher = await signedIn(portal.url, people.teacher.email);
  for (const c of colleagues) c.client = await signedIn(portal.url, c.email);
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

async function statusOf(sessionId: number, userId: number) {
  return (await rows<{ status: string }>(`select status from registrations where session_id = ? and user_id = ?`, [sessionId, userId])).map(
    (r) => r.status,
  );
}

// The next Tuesday at least a week away, at this Paris time (school time in the morning).
function nextTuesday(time: string, weeks = 0): number {
  let date = utcToParisLocal(Date.now() + (8 + 7 * weeks) * DAY).date;
  while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 2) date = addDays(date, 1);
  return parisLocalToUtc(date, time)!;
}

describe('a training already attended', () => {
  let earlier: number;
  beforeAll(async () => {
    earlier = await createSession(portal.db, {
      audience: 'teacher',
      trackId: 2,
      startsAt: Date.now() - 400 * DAY,
      title: 'L’écran interactif, premiers pas',
    });
    const [reg] = await rows<{ id: number }>(
      `insert into registrations (session_id, status, first_name, last_name, email, user_id, code) values (?, 'confirmed', 'Claire', 'Enseignante', ?, ?, 'OLDREG01') returning id`,
      [earlier, people.teacher.email, people.teacher.id],
    );
    const marked = await drane.request('PUT', `/api/v1/registrations/${reg!.id}/attendance`, {
      body: '{"present":true}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(marked.status, marked.text).toBe(200);
  });

  it('the session page asks first, naming the earlier date; "M’inscrire quand même" books', async () => {
    const again = await createSession(portal.db, { audience: 'teacher', trackId: 2, startsAt: Date.now() + 9 * DAY });
    const ask = await teacher.postForm(`/sessions/${again}`, { language: 'fr' });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Vous l&#39;avez déjà suivie');
    expect(ask.text).toContain('L’écran interactif, premiers pas');
    expect(ask.text).toContain(String(new Date(Date.now() - 400 * DAY).getUTCFullYear()));
    expect(ask.text).toContain('M&#39;inscrire quand même');
    expect(ask.text).toContain(`href="/sessions/${again}">Annuler`);
    expect(await statusOf(again, people.teacher.id)).toEqual([]);

    const booked = await teacher.postForm(`/sessions/${again}`, { language: 'fr', repeat: '1' });
    expect(booked.status).toBe(303);
    expect(booked.location).toMatch(/^\/r\/[^?]+\?nouveau=1$/);
    expect(await statusOf(again, people.teacher.id)).toEqual(['confirmed']);
    // Booking the same session again is a repeat of the booking, not asked again.
    const repeat = await teacher.postForm(`/sessions/${again}`, { language: 'fr' });
    expect(repeat.status).toBe(303);
    expect(repeat.location).toContain('deja=1');
  });

  it('the API books as it always did and says so; `"repeat": false` asks with a 409 first', async () => {
    const again = await createSession(portal.db, { audience: 'teacher', trackId: 2, startsAt: Date.now() + 10 * DAY });
    const asked = await teacher.postJson(`/api/v1/sessions/${again}/registrations`, { consent: true, repeat: false });
    expect(asked.status).toBe(409);
    expect(asked.json()).toMatchObject({
      error: expect.any(String),
      alreadyAttended: {
        sessionId: earlier,
        title: 'L’écran interactif, premiers pas',
        startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*[+-]\d\d:\d\d$/),
      },
    });
    expect(await statusOf(again, people.teacher.id)).toEqual([]);

    const booked = await teacher.postJson(`/api/v1/sessions/${again}/registrations`, { consent: true });
    expect(booked.status, booked.text).toBe(201);
    expect(booked.json()).toMatchObject({ registration: { status: 'confirmed' }, alreadyAttended: { sessionId: earlier } });
    const same = await teacher.postJson(`/api/v1/sessions/${again}/registrations`, { consent: true, repeat: false });
    expect(same.status).toBe(200);
    expect(same.json()).not.toHaveProperty('alreadyAttended');
    // A colleague who never attended is not asked.
    const fresh = await colleagues[0]!.client!.postJson(`/api/v1/sessions/${again}/registrations`, { consent: true, repeat: false });
    expect(fresh.status).toBe(201);
  });
});

describe('the inspector’s approval', () => {
  let track: number;
  beforeAll(async () => {
    const made = await drane.postJson('/api/v1/tracks', {
      title: 'Les tablettes en classe',
      audience: 'teacher',
      equipmentKinds: ['tablet'],
      hours: 3,
    });
    track = made.json<{ track: { id: number } }>().track.id;
    const set = await drane.request('PUT', `/api/v1/tracks/${track}/approver`, {
      body: JSON.stringify({ approverEmail: IEN }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(set.status, set.text).toBe(200);
  });

  // The one-time link in the latest request mail about this teacher.
  async function linkFor(name: string): Promise<string> {
    await drain(worker);
    const mail = mailsTo(smtp.mails, IEN)
      .filter((m) => m.parsed.text!.includes(name))
      .at(-1)!;
    return /(\/approbation\/[a-z2-7]+)/.exec(mail.parsed.text!)![1]!;
  }

  it('the teacher home lists the pending request (training, date, who was asked) and withdraws it', async () => {
    const sessionId = await createSession(portal.db, {
      audience: 'teacher',
      trackId: track,
      startsAt: nextTuesday('09:00'),
      title: 'Les tablettes en classe',
    });
    const asked = await teacher.postJson(`/api/v1/sessions/${sessionId}/registrations`, { consent: true });
    expect(asked.status).toBe(202);
    expect(asked.json()).toMatchObject({ registration: null, approval: { status: 'pending', waitlisted: false } });
    const link = await linkFor('Claire Enseignante');

    const home = await teacher.get('/enseignant');
    expect(home.text).toContain('À valider par votre IEN');
    expect(home.text).toContain(`href="/sessions/${sessionId}">Les tablettes en classe`);
    expect(home.text).toContain(`Demande envoyée à ${IEN}.`);
    expect(home.text).toContain('Retirer ma demande');
    // Its card in the list offers no second booking, only the way to the request.
    expect(home.text).toMatch(/<a href="#a-valider"[^>]*>À valider par votre IEN<\/a>/);
    const approvalId = /name="approvalId" value="(\d+)"/.exec(home.text)![1]!;

    // Nobody else withdraws it.
    expect((await colleagues[0]!.client!.postForm('/enseignant', { intent: 'withdraw', approvalId })).location).toContain('introuvable=1');
    const withdrawn = await teacher.postForm('/enseignant', { intent: 'withdraw', approvalId });
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.location).toBe('/enseignant?retire=1#a-valider');
    const after = await teacher.get(withdrawn.location!);
    expect(after.text).toContain('Votre demande est retirée');
    expect(after.text).not.toContain('Retirer ma demande');
    // The IEN's link no longer books anything.
    const late = await new Client(portal.url).postForm(link, { decision: 'approve' });
    expect(late.text).toContain('Ce lien a déjà servi');
    expect(await statusOf(sessionId, people.teacher.id)).toEqual([]);
    expect(await rows(`select 1 from audit_log where action = 'approval.withdrawn' and subject_id = ?`, [approvalId])).toHaveLength(1);
  });

  it('a full session: the teacher waits in line while asked, is skipped until approved, and holds nobody back', async () => {
    const sessionId = await createSession(portal.db, {
      audience: 'teacher',
      trackId: track,
      startsAt: nextTuesday('14:00', 1),
      capacity: 1,
    });
    const [jules, ines, omar] = colleagues as [
      Required<(typeof colleagues)[number]>,
      Required<(typeof colleagues)[number]>,
      Required<(typeof colleagues)[number]>,
    ];
    // Claire takes the only seat (approved first).
    expect((await teacher.postJson(`/api/v1/sessions/${sessionId}/registrations`, { consent: true })).status).toBe(202);
    await new Client(portal.url).postForm(await linkFor('Claire Enseignante'), { decision: 'approve' });
    expect(await statusOf(sessionId, people.teacher.id)).toEqual(['confirmed']);

    // Jules, then Inès, ask while it is full: both wait in line, in arrival order, asked for.
    for (const c of [jules, ines]) {
      const res = await c.client.postJson(`/api/v1/sessions/${sessionId}/registrations`, { consent: true });
      expect(res.status, res.text).toBe(202);
      expect(res.json()).toMatchObject({ approval: { status: 'pending', waitlisted: true } });
      expect(await statusOf(sessionId, c.id)).toEqual(['waitlisted']);
    }
    const julesHome = await jules.client.get('/enseignant');
    expect(julesHome.text).toContain('Vous gardez votre place sur la liste d&#39;attente');
    // The IEN agrees for Inès (still full: she keeps waiting).
    await new Client(portal.url).postForm(await linkFor('Inès Deux'), { decision: 'approve' });
    expect(await statusOf(sessionId, ines.id)).toEqual(['waitlisted']);
    // Nothing else would tell her the IEN agreed: a message says so, and that she keeps her place.
    await drain(worker);
    expect(mailsTo(smtp.mails, ines.email).map((m) => m.parsed.subject)).toContainEqual(
      expect.stringMatching(/^Accord de votre IEN : .+ — liste d'attente$/),
    );

    // A seat frees (capacity raised): Inès, approved, gets it; Jules, first in line but not approved, is skipped.
    const raised = await drane.request('PATCH', `/api/v1/sessions/${sessionId}`, {
      body: '{"capacity":2}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raised.status, raised.text).toBe(200);
    expect(await statusOf(sessionId, ines.id)).toEqual(['confirmed']);
    expect(await statusOf(sessionId, jules.id)).toEqual(['waitlisted']);
    await drain(worker);
    expect(mailsTo(smtp.mails, ines.email).map((m) => m.parsed.subject)).toContainEqual(expect.stringMatching(/place/i));

    // Another seat, Jules still pending: Omar, asked and approved after him, is booked at once.
    await drane.request('PATCH', `/api/v1/sessions/${sessionId}`, {
      body: '{"capacity":3}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await statusOf(sessionId, jules.id)).toEqual(['waitlisted']);
    const omarAsk = await omar.client.postJson(`/api/v1/sessions/${sessionId}/registrations`, { consent: true });
    expect(omarAsk.json()).toMatchObject({ approval: { waitlisted: false } });
    await new Client(portal.url).postForm(await linkFor('Omar Trois'), { decision: 'approve' });
    expect(await statusOf(sessionId, omar.id)).toEqual(['confirmed']);

    // A fourth seat, then the IEN agrees for Jules: he takes it in the same answer.
    await drane.request('PATCH', `/api/v1/sessions/${sessionId}`, {
      body: '{"capacity":4}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await statusOf(sessionId, jules.id)).toEqual(['waitlisted']);
    await new Client(portal.url).postForm(await linkFor('Jules Un'), { decision: 'approve' });
    expect(await statusOf(sessionId, jules.id)).toEqual(['confirmed']);
    await drain(worker);
    const julesMails = mailsTo(smtp.mails, jules.email).map((m) => m.parsed.subject ?? '');
    // Seated by the approval itself: no "still waiting" message.
    expect(julesMails.filter((s) => s.startsWith('Accord de votre IEN'))).toEqual([]);
    expect(julesMails.some((s) => /attente/i.test(s))).toBe(true);
    expect(julesMails.some((s) => /place/i.test(s))).toBe(true);
  });

  it('refused while waiting in line, the teacher leaves the waitlist and is told', async () => {
    const sessionId = await createSession(portal.db, {
      audience: 'teacher',
      trackId: track,
      startsAt: nextTuesday('10:00', 2),
      capacity: 1,
    });
    await rows(
      `insert into registrations (session_id, status, first_name, last_name, email, code) values (?, 'confirmed', 'X', 'Y', 'x@ac-aix-marseille.fr', 'FILLER01')`,
      [sessionId],
    );
    expect((await teacher.postJson(`/api/v1/sessions/${sessionId}/registrations`, { consent: true })).json()).toMatchObject({
      approval: { waitlisted: true },
    });
    await new Client(portal.url).postForm(await linkFor('Claire Enseignante'), { decision: 'refuse' });
    expect(await statusOf(sessionId, people.teacher.id)).toEqual(['cancelled']);
    await drain(worker);
    expect(mailsTo(smtp.mails, people.teacher.email).map((m) => m.parsed.subject)).toContainEqual(
      expect.stringMatching(/^Demande non retenue/),
    );
  });
});
