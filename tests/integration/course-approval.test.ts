// The inspector's approval (issue 17 item 6): a teacher track in school time waits for the
// IEN's answer, given once through an emailed link; the teacher is told either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { requestBooking } from '~/features/registration/booking-request.server';
import { decideApproval, setTrackApprover } from '~/features/courses/approval.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { parisLocalToUtc, addDays, utcToParisLocal } from '~/platform/text/dates';
import { config } from '~/platform/config/config';
import { testCity } from '../helpers/portal';
import { drain, inviteOf, mailsTo, testClock } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession, DAY } from '../helpers/world';

const IEN = 'ien.marseille1@ac-aix-marseille.fr';
let smtp: TestSmtp;
let worker: OutboxWorker;
const city = testCity();

beforeAll(async () => {
  smtp = await startSmtp();
  worker = createOutboxWorker(city.db, { smtpUrl: smtp.url, now: testClock().now, log: () => {} });
  await setTrackApprover(city.db, city.world.tracks.teacherDisplay, IEN, { kind: 'system' });
});

afterAll(async () => {
  await worker.stop();
  await smtp.stop();
});

let teachers = 0;
async function teacher(): Promise<SessionUser> {
  teachers++;
  const email = `prof${teachers}@ac-aix-marseille.fr`;
  const rs = await city.db.$client.execute({
    sql: `insert into users (email, name, role, school_uai, email_verified_at) values (?, ?, 'teacher', '0130001A', 1) returning id`,
    args: [email, `Nadia Profession${teachers}`],
  });
  const id = Number(rs.rows[0]!.id);
  return {
    id,
    email,
    name: `Nadia Profession${teachers}`,
    role: 'teacher',
    organisationId: null,
    organisationSlug: null,
    schoolUai: '0130001A',
    emailVerified: true,
  };
}

// The next Tuesday at least a week away, at this Paris time.
function nextTuesday(time: string): number {
  let date = utcToParisLocal(Date.now() + 8 * DAY).date;
  while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 2) date = addDays(date, 1);
  return parisLocalToUtc(date, time)!;
}

async function deliver(address: string) {
  await drain(worker);
  return mailsTo(smtp.mails, address);
}

async function registrationsOf(sessionId: number, userId: number) {
  const rs = await city.db.$client.execute({
    sql: 'select status from registrations where session_id = ? and user_id = ?',
    args: [sessionId, userId],
  });
  return rs.rows.map((r) => r.status);
}

async function askAndGetLink(sessionId: number, user: SessionUser) {
  const result = await requestBooking(city.db, { sessionId, body: {}, user, address: '127.0.0.1' });
  expect(result.status).toBe(202);
  expect(await registrationsOf(sessionId, user.id)).toEqual([]);
  const mails = (await deliver(IEN)).filter((m) => m.parsed.text!.includes(user.name));
  expect(mails).toHaveLength(1);
  expect(mails[0]!.parsed.subject).toContain("Demande d'accord");
  const link = new RegExp(`${config.publicUrl}/approbation/([a-z2-7]+)`).exec(mails[0]!.parsed.text!);
  return link![1]!;
}

describe('a teacher track in school time', () => {
  it('waits for the approval without a seat; approved, the teacher is booked and gets the invite', async () => {
    const sessionId = await createSession(city.db, { audience: 'teacher', startsAt: nextTuesday('09:00'), capacity: 5 });
    const user = await teacher();
    const token = await askAndGetLink(sessionId, user);
    // Asking again sends no second request.
    expect((await requestBooking(city.db, { sessionId, body: {}, user, address: '127.0.0.1' })).status).toBe(202);
    expect((await deliver(IEN)).filter((m) => m.parsed.text!.includes(user.name))).toHaveLength(1);

    expect(await decideApproval(city.db, token, 'approve')).toMatchObject({ ok: true, status: 'approved', booked: 'created' });
    expect(await registrationsOf(sessionId, user.id)).toEqual(['confirmed']);
    const [confirmation] = await deliver(user.email);
    expect(confirmation!.parsed.subject).toMatch(/^Inscription confirmée/);
    expect(inviteOf(confirmation!)!.method).toBe('REQUEST');
    // The link works once; booking again gives the same booking back.
    expect(await decideApproval(city.db, token, 'refuse')).toEqual({ ok: false });
    expect((await requestBooking(city.db, { sessionId, body: {}, user, address: '127.0.0.1' })).status).toBe(200);
  });

  it('refused, the teacher is told and nothing is booked', async () => {
    const sessionId = await createSession(city.db, { audience: 'teacher', startsAt: nextTuesday('14:00') });
    const user = await teacher();
    const token = await askAndGetLink(sessionId, user);
    expect(await decideApproval(city.db, token, 'refuse')).toMatchObject({ ok: true, status: 'refused' });
    const [refusal] = await deliver(user.email);
    expect(refusal!.parsed.subject).toMatch(/^Demande non retenue/);
    expect(refusal!.parsed.text).toContain("Votre IEN n'a pas donné son accord");
    expect(inviteOf(refusal!)).toBeNull();
    expect(await registrationsOf(sessionId, user.id)).toEqual([]);
    const audit = await city.db.$client.execute(`select action from audit_log where subject_type = 'approval' order by id`);
    expect(audit.rows.map((r) => r.action)).toContain('approval.refused');
  });

  it('out of school time, books at once', async () => {
    const sessionId = await createSession(city.db, { audience: 'teacher', startsAt: nextTuesday('17:00') });
    const user = await teacher();
    const result = await requestBooking(city.db, { sessionId, body: {}, user, address: '127.0.0.1' });
    expect(result.status).toBe(201);
  });
});
