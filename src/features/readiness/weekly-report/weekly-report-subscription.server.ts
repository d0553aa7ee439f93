// Whether a staff member gets the weekly report by email: on by default, turned off (and on
// again) on the account page, where the report's List-Unsubscribe leads.
import { and, eq, inArray } from 'drizzle-orm';
import { users } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { REPORT_ROLES } from './weekly-report-job.server';

export function receivesWeeklyReport(role: string): boolean {
  return (REPORT_ROLES as readonly string[]).includes(role);
}

export async function weeklyReportWanted(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ on: users.weeklyReport }).from(users).where(eq(users.id, userId));
  return row?.on ?? false;
}

export async function setWeeklyReport(db: Db, userId: number, on: boolean, actor: Actor): Promise<void> {
  await db.batch([
    db
      .update(users)
      .set({ weeklyReport: on })
      .where(and(eq(users.id, userId), inArray(users.role, [...REPORT_ROLES]))),
    auditStatement(db, actor, on ? 'user.weekly-report-on' : 'user.weekly-report-off', 'user', userId),
  ]);
}
