// What every section of the meeting report reads: the week, its bounds, the readiness of every
// school now, readiness history, and the previous week's archived snapshot (if any).
import { addDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';
import type { Db } from '~/platform/db/db.server';
import type { SchoolReadinessRow } from '~/features/readiness/readiness.server';
import { STATUSES } from '~/features/readiness/readiness-views';
import { mondayOf, previousIsoWeek } from '../iso-week';
import { readinessNow, type ReadinessNow } from '../weekly-report.server';
import { statesAt, type HistoryData, type PastState } from './history';
import { loadHistory } from './history.server';

export interface ReportContext {
  db: Db;
  isoWeek: string;
  // Monday and Sunday of the week (Paris dates), and the instants that bound it.
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  now: number;
  today: string;
  // The school year the week belongs to starts on 1 September.
  yearStart: string;
  yearStartMs: number;
  schools: SchoolReadinessRow[];
  // The schools above and the report before this week's, as the weekly report compares them.
  readiness: ReadinessNow;
  history: HistoryData;
  // Every school's state at the end of the week before: the archived snapshot if that report
  // was made, else rebuilt from history.
  before: { isoWeek: string; archived: boolean; states: Map<string, Pick<PastState, 'status' | 'readiness'>> };
}

export const startOfDay = (date: string) => parisLocalToUtc(date, '00:00')!;

export function schoolYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? `${year}-09-01` : `${year - 1}-09-01`;
}

export async function reportContext(db: Db, isoWeek: string, now = Date.now()): Promise<ReportContext> {
  const from = mondayOf(isoWeek);
  const to = addDays(from, 6);
  const lastWeek = previousIsoWeek(isoWeek);
  const [readiness, history] = await Promise.all([readinessNow(db, isoWeek, now), loadHistory(db)]);
  const { schools, previous } = readiness;
  const archived = previous?.week === lastWeek ? previous.snapshot : null;
  const states: ReportContext['before']['states'] = archived
    ? new Map(Object.entries(archived).map(([uai, [status, perMille]]) => [uai, { status: STATUSES[status]!, readiness: perMille / 1000 }]))
    : statesAt(history, addDays(from, -1), startOfDay(from));
  const yearStart = schoolYearStart(from);
  return {
    db,
    isoWeek,
    from,
    to,
    fromMs: startOfDay(from),
    toMs: startOfDay(addDays(from, 7)),
    now,
    today: utcToParisLocal(now).date,
    yearStart,
    yearStartMs: startOfDay(yearStart),
    schools,
    readiness,
    history,
    before: { isoWeek: lastWeek, archived: archived !== null, states },
  };
}
