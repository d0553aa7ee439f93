// ISO 8601 weeks ("2027-W12": Monday to Sunday, week 1 holds the year's first Thursday),
// the unit of the weekly report. Dates are calendar dates (YYYY-MM-DD), no time zone.

const DAY_MS = 24 * 60 * 60 * 1000;

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDaysTo(date: string, days: number): string {
  return new Date(toUtc(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export function isoWeekOf(date: string): string {
  const d = toUtc(date);
  const weekday = d.getUTCDay() || 7;
  // The Thursday of the same week decides the year the week belongs to.
  const thursday = new Date(d.getTime() + (4 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function isIsoWeek(value: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  return m !== null && Number(m[2]) >= 1 && isoWeekOf(mondayOf(value)) === value;
}

// The Monday that starts an ISO week.
export function mondayOf(isoWeek: string): string {
  const [year, week] = isoWeek.split('-W').map(Number) as [number, number];
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const weekday = toUtc(jan4).getUTCDay() || 7;
  return addDaysTo(jan4, (week - 1) * 7 - (weekday - 1));
}

export function previousIsoWeek(isoWeek: string): string {
  return isoWeekOf(addDaysTo(mondayOf(isoWeek), -7));
}
