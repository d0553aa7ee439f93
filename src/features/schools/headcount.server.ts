// A school's teacher headcount, the denominator of readiness (DESIGN rule 5). It comes with
// the school data; Drane and city staff correct it when a school's team changes.
import { eq } from 'drizzle-orm';
import { schools } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';

export const MAX_TEACHERS = 500;

export function headcountFrom(value: string | undefined): number | null {
  const text = (value ?? '').trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_TEACHERS ? n : null;
}

// False when there is no such school. The audit row keeps the number it replaced.
export async function setTeacherHeadcount(db: Db, actor: Actor, uai: string, teachers: number): Promise<boolean> {
  const row = await db.select({ teachers: schools.teachers }).from(schools).where(eq(schools.uai, uai)).get();
  if (!row) return false;
  if (row.teachers === teachers) return true;
  await db.batch([
    db.update(schools).set({ teachers }).where(eq(schools.uai, uai)),
    auditStatement(db, actor, 'school.teachers-changed', 'school', uai, { from: row.teachers, to: teachers }),
  ]);
  return true;
}
