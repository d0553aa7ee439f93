// Every Monday from 07:00 (Paris), last week's report is archived and emailed to Drane and
// city staff. The scheduler's lease and job_runs make one instance do it once per week; the
// archive's key (the ISO week) and the outbox's dedupe keys keep even a forced rerun from
// writing a second report or a second email.
import { insertColumns } from '~/platform/db/query-parts';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { outbox, users, weeklyReports } from '~db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import { isoWeekOf, mondayOf, previousIsoWeek } from './iso-week';
import type { Db } from '~/platform/db/db.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';
import { buildWeeklyReport, type WeeklyReport } from './weekly-report.server';
import { WEEKLY_REPORT_KIND, type WeeklyReportPayload } from './weekly-report-mail.server';

export const REPORT_ROLES = ['drane', 'city'] as const;

// The week a run at `now` reports on, or null before Monday `hour`:00 in Paris.
export function reportWeekAt(now: number, hour = 7): string | null {
  const { date, time } = utcToParisLocal(now);
  const thisWeek = isoWeekOf(date);
  if (date === mondayOf(thisWeek) && Number(time.slice(0, 2)) < hour) return null;
  return previousIsoWeek(thisWeek);
}

export function emailPayload(report: WeeklyReport): WeeklyReportPayload {
  const { snapshot: _snapshot, ...rest } = report;
  return rest;
}

// The archived report, and one message per active staff member (their name goes into their
// copy); both keyed, so a rerun writes nothing twice.
function archiveStatements(db: Db, report: WeeklyReport, now: number) {
  const archive = db
    .insert(weeklyReports)
    .values({ isoWeek: report.isoWeek, createdAt: now, data: { ...report } })
    .onConflictDoNothing({ target: weeklyReports.isoWeek });
  const messages = db
    .insert(outbox)
    .select(
      db
        .select(
          insertColumns(outbox, {
            dedupeKey: sql<string>`${`${WEEKLY_REPORT_KIND}:${report.isoWeek}:`} || ${users.id}`,
            kind: WEEKLY_REPORT_KIND,
            recipient: users.email,
            language: 'fr',
            payload: sql`json_patch(${JSON.stringify(emailPayload(report))}, json_object('name', ${users.name}))`,
          }),
        )
        .from(users)
        .where(and(eq(users.active, true), eq(users.weeklyReport, true), inArray(users.role, [...REPORT_ROLES]))),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
  return [archive, messages] as const;
}

// Builds, archives and queues the report of one week, in one write.
export async function publishWeeklyReport(db: Db, isoWeek: string, now = Date.now()) {
  const report = await buildWeeklyReport(db, isoWeek, now);
  const [archived, queued] = await db.batch(archiveStatements(db, report, now));
  return { archived: archived.rowsAffected, queued: queued.rowsAffected, atRisk: report.totals['at-risk'] };
}

export function weeklyReportJob({ hour = 7 } = {}): ScheduledJob {
  return {
    name: 'weekly-report',
    period: (now) => reportWeekAt(now, hour),
    run: (db, period, now) => publishWeeklyReport(db, period, now),
  };
}

export interface ArchivedReport {
  isoWeek: string;
  createdAt: number;
  data: WeeklyReport;
}

export async function listWeeklyReports(
  db: Db,
  limit = 60,
): Promise<{ isoWeek: string; createdAt: number; atRisk: number; sessions: number }[]> {
  return db
    .select({
      isoWeek: weeklyReports.isoWeek,
      createdAt: weeklyReports.createdAt,
      atRisk: sql<number>`coalesce(json_extract(${weeklyReports.data}, '$.totals."at-risk"'), 0)`,
      sessions: sql<number>`coalesce(json_array_length(${weeklyReports.data}, '$.sessions'), 0)`,
    })
    .from(weeklyReports)
    .orderBy(desc(weeklyReports.isoWeek))
    .limit(limit);
}

export async function getWeeklyReport(db: Db, isoWeek: string): Promise<ArchivedReport | null> {
  const row = await db
    .select({
      isoWeek: weeklyReports.isoWeek,
      createdAt: weeklyReports.createdAt,
      // Written by publishWeeklyReport from a WeeklyReport.
      data: sql`${weeklyReports.data}`.mapWith((text: string): WeeklyReport => JSON.parse(text)),
    })
    .from(weeklyReports)
    .where(eq(weeklyReports.isoWeek, isoWeek))
    .get();
  return row ?? null;
}
