// ISO 8601 weeks ("2027-W12": Monday to Sunday, week 1 holds the year's first Thursday),
// the unit of the weekly report. Dates are Paris calendar dates (YYYY-MM-DD).
import { tz } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear, lightFormat, parseISO, setISOWeek, startOfISOWeek } from 'date-fns';
import { addDays, TIME_ZONE } from '~/platform/text/dates';

const paris = tz(TIME_ZONE);

export function isoWeekOf(date: string): string {
  const day = parseISO(date, { in: paris });
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

export function isIsoWeek(value: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  return m !== null && Number(m[2]) >= 1 && isoWeekOf(mondayOf(value)) === value;
}

// The Monday that starts an ISO week.
export function mondayOf(isoWeek: string): string {
  const [year, week] = isoWeek.split('-W').map(Number) as [number, number];
  // 4 January is always in week 1.
  const jan4 = parseISO(`${year}-01-04`, { in: paris });
  return lightFormat(startOfISOWeek(setISOWeek(jan4, week)), 'yyyy-MM-dd');
}

export function previousIsoWeek(isoWeek: string): string {
  return isoWeekOf(addDays(mondayOf(isoWeek), -7));
}
