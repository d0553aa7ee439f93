// The weekly report that prepares the Drane–city meeting, built live for any week: last week's
// report (sessions, attendance, newly equipped, at risk) and the meeting's sections (figures of
// the week and the school year, look-ahead, status changes, people not told, follow-ups,
// REP/REP+, trends). GET /api/v1/reports/weekly/:isoWeek answers it as JSON.
import type { Db } from '~/platform/db/db.server';
import { buildWeeklyReport, type WeeklyReport } from '../weekly-report.server';
import { reportContext } from './context.server';
import { SECTIONS, type SectionData } from './sections';

export type MeetingReport = Omit<WeeklyReport, 'snapshot'> &
  SectionData & {
    generatedAt: number;
    upcomingDeliveries: SectionData['lookAhead']['deliveries'];
  };

export async function buildMeetingReport(db: Db, isoWeek: string, now = Date.now()): Promise<MeetingReport> {
  const ctx = await reportContext(db, isoWeek, now);
  const keys = Object.keys(SECTIONS) as (keyof typeof SECTIONS)[];
  const [base, ...parts] = await Promise.all([
    buildWeeklyReport(db, isoWeek, now, { loaded: ctx.readiness }),
    ...keys.map((k) => (SECTIONS[k] as (c: typeof ctx) => unknown)(ctx)),
  ]);
  const sections = Object.fromEntries(keys.map((k, i) => [k, parts[i]])) as SectionData;
  const { snapshot: _snapshot, ...report } = base;
  return { ...report, ...sections, generatedAt: now, upcomingDeliveries: sections.lookAhead.deliveries };
}
