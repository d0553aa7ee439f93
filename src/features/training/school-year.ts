// The school year a teacher's 18 hours count in: 1 September to 31 August, Paris time.
import { parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';

export const OBLIGATION_HOURS = 18;

export interface SchoolYear {
  label: string; // "2026-2027"
  from: number; // 1 September 00:00, Paris
  to: number; // the next 1 September 00:00, Paris (excluded)
}

export function schoolYearStarting(startYear: number): SchoolYear {
  return {
    label: `${startYear}-${startYear + 1}`,
    from: parisLocalToUtc(`${startYear}-09-01`, '00:00')!,
    to: parisLocalToUtc(`${startYear + 1}-09-01`, '00:00')!,
  };
}

export function schoolYearOf(ms: number): SchoolYear {
  const [year, month] = utcToParisLocal(ms).date.split('-').map(Number) as [number, number];
  return schoolYearStarting(month >= 9 ? year : year - 1);
}

// "2026-2027" (two consecutive years), else null.
export function parseSchoolYear(label: string | null | undefined): SchoolYear | null {
  const m = /^(\d{4})-(\d{4})$/.exec(label ?? '');
  if (!m || Number(m[2]) !== Number(m[1]) + 1 || Number(m[1]) < 2000 || Number(m[1]) > 2100) return null;
  return schoolYearStarting(Number(m[1]));
}

export function sumHours(hours: number[]): number {
  return Math.round(hours.reduce((a, b) => a + b, 0) * 100) / 100;
}

// "1,5" in French.
export function hoursText(hours: number): string {
  return String(hours).replace('.', ',');
}
