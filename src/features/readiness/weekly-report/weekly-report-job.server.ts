// Every Monday from 07:00 (Paris), last week's report is archived and emailed to Drane and
// city staff. The scheduler's lease and job_runs make one instance do it once per week; the
// archive's key (the ISO week) and the outbox's dedupe keys keep even a forced rerun from
// writing a second report or a second email.
import type { InStatement } from '@libsql/client';
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

function archiveStatements(report: WeeklyReport, now: number): InStatement[] {
  return [
    {
      sql: 'insert into weekly_reports (iso_week, created_at, data) values (?, ?, ?) on conflict (iso_week) do nothing',
      args: [report.isoWeek, now, JSON.stringify(report)],
    },
    {
      // One message per active staff member; their name goes into their copy.
      sql: `insert into outbox (dedupe_key, kind, recipient, language, payload)
            select ? || u.id, ?, u.email, 'fr', json_patch(?, json_object('name', u.name))
            from users u where u.active = 1 and u.role in (${REPORT_ROLES.map(() => '?').join(', ')})
            on conflict (dedupe_key) do nothing`,
      args: [`${WEEKLY_REPORT_KIND}:${report.isoWeek}:`, WEEKLY_REPORT_KIND, JSON.stringify(emailPayload(report)), ...REPORT_ROLES],
    },
  ];
}

// Builds, archives and queues the report of one week, in one write.
export async function publishWeeklyReport(db: Db, isoWeek: string, now = Date.now()) {
  const report = await buildWeeklyReport(db, isoWeek, now);
  const [archived, queued] = await db.$client.batch(archiveStatements(report, now), 'write');
  return { archived: archived!.rowsAffected, queued: queued!.rowsAffected, atRisk: report.totals['at-risk'] };
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

export async function listWeeklyReports(db: Db, limit = 60): Promise<{ isoWeek: string; createdAt: number; atRisk: number; sessions: number }[]> {
  const rs = await db.$client.execute({
    sql: `select iso_week, created_at, json_extract(data, '$.totals."at-risk"') as at_risk, json_array_length(data, '$.sessions') as sessions
          from weekly_reports order by iso_week desc limit ?`,
    args: [limit],
  });
  return rs.rows.map((r) => ({ isoWeek: String(r.iso_week), createdAt: Number(r.created_at), atRisk: Number(r.at_risk ?? 0), sessions: Number(r.sessions ?? 0) }));
}

export async function getWeeklyReport(db: Db, isoWeek: string): Promise<ArchivedReport | null> {
  const rs = await db.$client.execute({ sql: 'select iso_week, created_at, data from weekly_reports where iso_week = ?', args: [isoWeek] });
  const r = rs.rows[0];
  return r ? { isoWeek: String(r.iso_week), createdAt: Number(r.created_at), data: JSON.parse(String(r.data)) as WeeklyReport } : null;
}
