// Teacher records have a lifetime (TEACHER_RETENTION_DAYS): the daily job erases a teacher
// idle for that long — the account, its sign-in sessions and links, the names on their
// bookings (the rows stay, anonymous, for the counts) — and keeps anyone active since:
// a recent sign-in (recorded on the account), an open session, a training still ahead.
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '~/features/audit/audit.server';
import { createUser } from '~/features/accounts/users.server';
import { newSession } from '~/features/auth/sign-in-session.server';
import { eraseIdleTeachers } from '~/features/privacy/teacher-retention.server';
import { defaultJobs } from '~/platform/jobs/scheduled-jobs.server';
import { createAccounts, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const YEAR = 365 * DAY;
let people: Accounts;
const portal = testPortal({
  env: { TEACHER_RETENTION_DAYS: '1095', BACKGROUND_JOBS: 'off' },
  seed: async (db) => void (people = await createAccounts(db)),
});

async function rows(sql: string, args: (string | number | null)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

async function teacher(email: string, { createdYearsAgo = 4, seenYearsAgo = null as number | null } = {}) {
  const now = Date.now();
  const result = await createUser(
    portal.db,
    { email, name: 'Claire Martin', role: 'teacher', password: PASSWORD, schoolUai: '0130001A', verified: true },
    SYSTEM,
    now - createdYearsAgo * YEAR,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const id = result.user.id;
  await rows(`update users set created_at = ?, last_seen_at = ? where id = ?`, [
    now - createdYearsAgo * YEAR,
    seenYearsAgo === null ? null : now - seenYearsAgo * YEAR,
    id,
  ]);
  return id;
}

async function bookTraining(userId: number, email: string, startsAt: number) {
  const sessionId = await createSession(portal.db, { audience: 'teacher', startsAt });
  const [r] = await rows(
    `insert into registrations (session_id, user_id, first_name, last_name, email, status, code, created_at)
     values (?, ?, 'Claire', 'Martin', ?, 'confirmed', ?, ?) returning id`,
    [sessionId, userId, email, `T${userId}X${sessionId}`.slice(0, 8), startsAt - 30 * DAY],
  );
  return Number(r!.id);
}

let idle: number;
let idleBooking: number;
let recentSignIn: number;
let openSession: number;
let trainingAhead: number;
let idleTrainer: number;

beforeAll(async () => {
  idle = await teacher('idle@ac-aix-marseille.fr', { seenYearsAgo: 3.5 });
  idleBooking = await bookTraining(idle, 'idle@ac-aix-marseille.fr', Date.now() - 3.5 * YEAR);
  await rows(
    `insert into outbox (dedupe_key, kind, recipient, language, payload, status) values ('acct:idle', 'account-reset', ?, 'fr', '{}', 'held')`,
    ['idle@ac-aix-marseille.fr'],
  );
  recentSignIn = await teacher('recent@ac-aix-marseille.fr', { seenYearsAgo: 3.5 });
  openSession = await teacher('open@ac-aix-marseille.fr');
  await newSession(portal.db, openSession, 'teacher', Date.now() - 2 * DAY).statement;
  trainingAhead = await teacher('ahead@ac-aix-marseille.fr');
  await bookTraining(trainingAhead, 'ahead@ac-aix-marseille.fr', Date.now() + 30 * DAY);
  const trainer = await createUser(
    portal.db,
    {
      email: 'old-trainer@ligue13.test',
      name: 'Ancien Formateur',
      role: 'trainer',
      password: PASSWORD,
      organisationSlug: 'ligue',
      verified: true,
    },
    SYSTEM,
  );
  if (!trainer.ok) throw new Error(JSON.stringify(trainer.errors));
  idleTrainer = trainer.user.id;
  await rows(`update users set created_at = ? where id = ?`, [Date.now() - 5 * YEAR, idleTrainer]);
});

describe('teacher record retention', () => {
  it('records the sign-in on the account', async () => {
    await signedIn(portal.url, 'recent@ac-aix-marseille.fr');
    const [row] = await rows(`select last_seen_at from users where id = ?`, [recentSignIn]);
    expect(Number(row!.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('erases only the teacher idle for TEACHER_RETENTION_DAYS', async () => {
    // The scheduler's own job (this server's scheduler is off: the test runs it).
    const job = defaultJobs().find((j) => j.name === 'teacher-retention')!;
    expect(job).toBeTruthy();
    expect(await job.run(portal.db, job.period(Date.now()) ?? '', Date.now())).toEqual({ erased: 1 });
    const left = (
      await rows(`select id from users where role = 'teacher' and id in (?, ?, ?, ?)`, [idle, recentSignIn, openSession, trainingAhead])
    ).map((r) => Number(r.id));
    expect(left.sort()).toEqual([recentSignIn, openSession, trainingAhead].sort());
    expect(await rows(`select 1 from users where id = ?`, [idleTrainer])).toHaveLength(1);
    expect(people.teacher.id).toBeTruthy();
    expect(await rows(`select 1 from users where id = ?`, [people.teacher.id])).toHaveLength(1);
  });

  it('keeps their bookings as anonymous rows, with every trace of who they were gone', async () => {
    const [booking] = await rows(`select user_id, first_name, last_name, email, erased_at from registrations where id = ?`, [idleBooking]);
    expect(booking).toMatchObject({ user_id: null, first_name: null, last_name: null, email: null });
    expect(booking!.erased_at).not.toBeNull();
    expect(await rows(`select 1 from auth_sessions where user_id = ?`, [idle])).toEqual([]);
    expect(await rows(`select 1 from outbox where recipient = 'idle@ac-aix-marseille.fr'`)).toEqual([]);
    const [entry] = await rows(`select details from audit_log where action = 'personal-data.teacher-retention'`);
    expect(JSON.parse(String(entry!.details))).toEqual({ erased: 1, days: 1095 });
  });

  it('erases nothing twice', async () => {
    expect(await eraseIdleTeachers(portal.db, Date.now(), 1095)).toBe(0);
  });
});
