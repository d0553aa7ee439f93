// A region-sized database generated in SQL: 10,000 schools, 100,000 teachers, 1,000,000
// registrations (teachers and parents) with attendance. Deterministic, a few seconds to build.
import type { Db } from '~/platform/db/db.server';

export const REGION = { schools: 10_000, teachers: 100_000, sessions: 20_000, registrations: 1_000_000 };

const series = (n: number) => `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n})`;

export async function buildRegion(db: Db, now = Date.now()) {
  const day = 86_400_000;
  const teacherRegs = 300_000;
  const parentRegs = REGION.registrations - teacherRegs;
  await db.$client.batch(
    [
      `insert into organisations (slug, name) values ('ligue', 'Ligue'), ('drane', 'Drane'), ('ville', 'Ville')`,
      `${series(REGION.schools)} insert into schools (uai, name, kind, arrondissement, classes, pupils, teachers)
         select printf('%07d', 1000000 + i) || 'R', 'École ' || i, 'elementary', 1 + i % 16, 8 + i % 7, 200 + i % 90, 10 + i % 6 from n`,
      `${series(REGION.schools)} insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
         select printf('%07d', 1000000 + i) || 'R', 'interactive-display', 8, '2026-01-01', case when i % 3 = 0 then null else '2026-03-01' end from n`,
      `${series(REGION.schools)} insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
         select printf('%07d', 1000000 + i) || 'R', 'tablet', 30, '2026-12-15', null from n where i % 2 = 0`,
      `insert into tracks (slug, audience, organisation_id, title, equipment_kinds) values
         ('tni', 'teacher', 2, 'TNI', '["interactive-display"]'), ('ipad', 'teacher', 2, 'iPad', '["tablet"]'), ('ent', 'parent', 1, 'ENT', '[]')`,
      `${series(REGION.teachers)} insert into users (email, name, role, school_uai)
         select 't' || i || '@ac-region.fr', 'Teacher ' || i, 'teacher', printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R' from n`,
      `${series(REGION.sessions)} insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, school_uai, capacity)
         select 1 + i % 3, case when i % 3 = 2 then 1 else 2 end, 'Session ' || i, case when i % 3 = 2 then 'parent' else 'teacher' end,
           ${now} - (i % 500) * ${day}, ${now} - (i % 500) * ${day} + 7200000, 'Salle', printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R', 60 from n`,
      // Teachers: 3 bookings each on teacher sessions (ids not divisible by 3 minus one).
      `${series(teacherRegs)} insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
         select 1 + ((i * 7) % ${REGION.sessions / 3}) * 3 + (i % 2), 'confirmed', 'T', 'T', 't' || (1 + (i - 1) % ${REGION.teachers}) || '-' || i || '@ac-region.fr',
           1 + (i - 1) % ${REGION.teachers}, printf('T%07d', i) from n`,
      `${series(parentRegs)} insert into registrations (session_id, status, first_name, last_name, phone, child_school_uai, code)
         select 3 + ((i * 11) % ${REGION.sessions / 3}) * 3, 'confirmed', 'P', 'P', '+336' || printf('%08d', i), printf('%07d', 1000000 + 1 + (i % ${REGION.schools})) || 'R', printf('P%07d', i) from n`,
      `insert into attendance (registration_id, present) select id, (id % 10) < 7 from registrations`,
    ],
    'write',
  );
}
