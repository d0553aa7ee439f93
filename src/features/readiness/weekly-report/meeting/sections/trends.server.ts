// Readiness and trained teachers week by week since the start of the school year, for the city,
// per REP+/REP/other and per arrondissement. A week whose report was archived reads that
// report's snapshot (what the meeting saw); other weeks are rebuilt from today's data.
import { and, gte, lte, sql } from 'drizzle-orm';
import { weeklyReports } from '~db/schema';
import { addDays } from '~/platform/text/dates';
import { STATUSES } from '~/features/readiness/readiness-views';
import { isoWeekOf, mondayOf } from '../../iso-week';
import { startOfDay, type ReportContext } from '../context.server';
import { groupOf, pointOf, statesAt, type HistorySchool, type PastState, type TrendPoint } from '../history';

export interface Trends {
  weeks: string[];
  city: TrendPoint[];
  priority: Record<'REP+' | 'REP' | 'none', TrendPoint[]>;
  arrondissements: { arrondissement: number; points: TrendPoint[] }[];
}

async function archivedSnapshots(ctx: ReportContext, first: string) {
  const rows = await ctx.db
    .select({ week: weeklyReports.isoWeek, snapshot: sql<string | null>`json_extract(${weeklyReports.data}, '$.snapshot')` })
    .from(weeklyReports)
    .where(and(gte(weeklyReports.isoWeek, first), lte(weeklyReports.isoWeek, ctx.isoWeek)));
  return new Map(rows.map((r) => [r.week, JSON.parse(r.snapshot ?? '{}') as Record<string, [number, number]>]));
}

export async function trendsSection(ctx: ReportContext): Promise<Trends> {
  const weeks: string[] = [];
  for (let monday = mondayOf(isoWeekOf(ctx.yearStart)); monday <= ctx.from; monday = addDays(monday, 7)) weeks.push(isoWeekOf(monday));
  const archived = await archivedSnapshots(ctx, weeks[0]!);
  const states = weeks.map((week) => {
    const sunday = addDays(mondayOf(week), 6);
    const rebuilt = statesAt(ctx.history, sunday, startOfDay(addDays(sunday, 1)));
    const snapshot = archived.get(week);
    if (!snapshot) return rebuilt;
    const merged = new Map<string, PastState>();
    for (const [uai, state] of rebuilt) {
      const kept = snapshot[uai];
      merged.set(uai, kept ? { ...state, status: STATUSES[kept[0]]!, readiness: kept[1] / 1000 } : state);
    }
    return merged;
  });
  const series = (schools: HistorySchool[]) => weeks.map((w, i) => pointOf(w, schools, states[i]!));
  const all = ctx.history.schools;
  return {
    weeks,
    city: series(all),
    priority: {
      'REP+': series(all.filter((s) => groupOf(s) === 'REP+')),
      REP: series(all.filter((s) => groupOf(s) === 'REP')),
      none: series(all.filter((s) => groupOf(s) === 'none')),
    },
    arrondissements: Array.from({ length: 16 }, (_, i) => i + 1).map((n) => ({
      arrondissement: n,
      points: series(all.filter((s) => s.arrondissement === n)),
    })),
  };
}
