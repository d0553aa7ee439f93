// Follow-ups written during the meeting (what, who, by when): each shows in the report of the
// week it was written and in every later one until it is closed (it shows, closed, that week).
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { reportFollowUps } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import type { ReportContext } from '../context.server';

export interface FollowUp {
  id: number;
  openedIn: string;
  what: string;
  who: string;
  dueOn: string | null;
  closedIn: string | null;
  overdue: boolean;
}

export async function followUpsOf(db: Db, isoWeek: string, today: string): Promise<FollowUp[]> {
  const rows = await db
    .select({
      id: reportFollowUps.id,
      openedIn: reportFollowUps.isoWeek,
      what: reportFollowUps.what,
      who: reportFollowUps.who,
      dueOn: reportFollowUps.dueOn,
      closedIn: reportFollowUps.closedWeek,
    })
    .from(reportFollowUps)
    .where(and(lte(reportFollowUps.isoWeek, isoWeek), or(isNull(reportFollowUps.closedWeek), gte(reportFollowUps.closedWeek, isoWeek))))
    .orderBy(asc(reportFollowUps.isoWeek), asc(reportFollowUps.id));
  return rows.map((r) => ({ ...r, overdue: !r.closedIn && r.dueOn !== null && r.dueOn < today }));
}

export const followUpsSection = (ctx: ReportContext) => followUpsOf(ctx.db, ctx.isoWeek, ctx.today);

export interface FollowUpFields {
  what: string;
  who: string;
  dueOn: string | null;
}

export async function addFollowUp(db: Db, actor: Actor, isoWeek: string, fields: FollowUpFields, now = Date.now()): Promise<number> {
  const [row] = await db
    .insert(reportFollowUps)
    .values({ isoWeek, ...fields, createdAt: now, createdBy: actor.userId ?? null })
    .returning({ id: reportFollowUps.id });
  await db.batch([auditStatement(db, actor, 'report.follow-up.added', 'report_follow_up', row!.id, { isoWeek })]);
  return row!.id;
}

// Closed in the week of the report it was ticked on; only an open follow-up closes.
export async function closeFollowUp(db: Db, actor: Actor, id: number, isoWeek: string, now = Date.now()): Promise<boolean> {
  const rs = await db
    .update(reportFollowUps)
    .set({ closedWeek: isoWeek, closedAt: now, closedBy: actor.userId ?? null })
    .where(and(eq(reportFollowUps.id, id), isNull(reportFollowUps.closedWeek), lte(reportFollowUps.isoWeek, isoWeek)));
  if (rs.rowsAffected !== 1) return false;
  await db.batch([auditStatement(db, actor, 'report.follow-up.closed', 'report_follow_up', id, { isoWeek })]);
  return true;
}
