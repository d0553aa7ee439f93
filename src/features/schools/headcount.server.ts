// A school's teacher headcount, the denominator of readiness (DESIGN rule 5). It comes with
// the school data; Drane and city staff correct it when a school's team changes.
import { asStatement } from '~/platform/db/statement';
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
  const rs = await db.$client.execute({ sql: 'select teachers from schools where uai = ?', args: [uai] });
  const row = rs.rows[0];
  if (!row) return false;
  if (Number(row.teachers) === teachers) return true;
  await db.$client.batch([
    { sql: 'update schools set teachers = ? where uai = ?', args: [teachers, uai] },
    asStatement(auditStatement(db, actor, 'school.teachers-changed', 'school', uai, { from: Number(row.teachers), to: teachers })),
  ], 'write');
  return true;
}
