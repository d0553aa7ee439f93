// The readiness counts kept per school (readiness-summary.server.ts) against a recount from
// scratch, after each kind of write that changes what they count: every answer must be the
// one a full recount gives, whatever wrote the rows (raw SQL here, as the CLI or an import would).
import { beforeAll, expect, it } from 'vitest';
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { testCity } from '../helpers/portal';
import { createSession } from '../helpers/world';

const now = Date.UTC(2026, 10, 29, 12);
const city = testCity();
const sql = (text: string, ...args: (string | number | null)[]) => city.db.$client.execute({ sql: text, args });

// What readiness says now, and what it says once every school is recounted from the rows.
async function againstRecount() {
  const kept = await readinessBySchool(city.db, {}, now);
  await sql('insert or ignore into readiness_stale (school_uai) select uai from schools');
  const recounted = await readinessBySchool(city.db, {}, now);
  expect(kept).toEqual(recounted);
  return kept;
}

let teacher = 0;
let teacherSession = 0;
let parentSession = 0;
const regs: number[] = [];

beforeAll(async () => {
  await sql(`insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
      values ('0130001A', 'interactive-display', 10, '2026-01-10', '2026-02-01'), ('0130002B', 'interactive-display', 5, '2026-01-10', '2026-02-01')`);
  teacher = Number(
    (
      await sql(
        `insert into users (email, name, role, school_uai) values ('t@ac-aix-marseille.fr', 'T', 'teacher', '0130001A') returning id`,
      )
    ).rows[0]!.id,
  );
  teacherSession = await createSession(city.db, { audience: 'teacher', startsAt: now - 86_400_000 });
  parentSession = await createSession(city.db, { startsAt: now - 86_400_000, schoolUai: '0130003C' });
  for (const [session, email, user, child] of [
    [teacherSession, 't@ac-aix-marseille.fr', teacher, null],
    [parentSession, 'p1@example.fr', null, '0130002B'],
    [parentSession, 'p2@example.fr', null, null],
  ] as const) {
    const id = (
      await sql(
        `insert into registrations (session_id, status, first_name, last_name, email, user_id, child_school_uai, code)
         values (?, 'confirmed', 'A', 'B', ?, ?, ?, ?) returning id`,
        session,
        email,
        user,
        child,
        `S${regs.length}XXXXX`,
      )
    ).rows[0]!.id;
    regs.push(Number(id));
  }
});

it('counts attendance as it is taken, corrected and undone', async () => {
  for (const id of regs) await sql('insert into attendance (registration_id, present) values (?, 1)', id);
  const after = await againstRecount();
  expect(after.find((s) => s.uai === '0130001A')!.equipment[0]!.trainedTeachers).toBe(1);
  expect(after.find((s) => s.uai === '0130002B')!.parents).toBe(1);
  expect(after.find((s) => s.uai === '0130003C')!.parents).toBe(1);
  await sql('update attendance set present = 0 where registration_id = ?', regs[0]!);
  expect((await againstRecount()).find((s) => s.uai === '0130001A')!.equipment[0]!.trainedTeachers).toBe(0);
  await sql('update attendance set present = 1 where registration_id = ?', regs[0]!);
  await sql('delete from attendance where registration_id = ?', regs[1]!);
  expect((await againstRecount()).find((s) => s.uai === '0130002B')!.parents).toBe(0);
  await sql('insert into attendance (registration_id, present) values (?, 1)', regs[1]!);
  await againstRecount();
});

it('follows a teacher who moves school, a changed contact, a session moved, a track given other kinds', async () => {
  await sql(`update users set school_uai = '0130002B' where id = ?`, teacher);
  expect((await againstRecount()).find((s) => s.uai === '0130002B')!.equipment[0]!.trainedTeachers).toBe(1);
  await sql(`update registrations set child_school_uai = '0130001A' where id = ?`, regs[1]!);
  expect((await againstRecount()).find((s) => s.uai === '0130001A')!.parents).toBe(1);
  await sql(`update registrations set email = null, phone = null, erased_at = ? where id = ?`, now, regs[2]!);
  await againstRecount();
  await sql(`update sessions set school_uai = '0130001A' where id = ?`, parentSession);
  await againstRecount();
  await sql(`update tracks set equipment_kinds = '["tablet"]' where id = 2`);
  expect((await againstRecount()).find((s) => s.uai === '0130002B')!.equipment[0]!.trainedTeachers).toBe(0);
  await sql(`update tracks set equipment_kinds = '["interactive-display"]' where id = 2`);
  await againstRecount();
});

it('forgets what a deleted registration, an account no longer a teacher, a session no longer for parents counted', async () => {
  await sql('delete from registrations where id = ?', regs[1]!);
  await againstRecount();
  await sql(`update users set role = 'trainer' where id = ?`, teacher);
  expect((await againstRecount()).every((s) => s.equipment.every((e) => e.trainedTeachers === 0))).toBe(true);
  await sql(`update sessions set audience = 'teacher' where id = ?`, parentSession);
  const after = await againstRecount();
  expect(after.every((s) => s.parents === 0)).toBe(true);
});
