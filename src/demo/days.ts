// Calendar arithmetic on Paris dates ("2026-11-30"), so sessions land on weekdays at local
// times whatever the server's zone and across daylight-saving changes.
import { addDays as addCalendarDays, parisLocalToUtc, utcToParisLocal } from '~/platform/text/dates';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function parisToday(now: number): string {
  return utcToParisLocal(now).date;
}

const shifted = new Map<string, string>();

// The portal's calendar addDays, remembered: the generator asks for the same few hundred days
// tens of thousands of times, and each answer costs a time-zone lookup (3x the seed's time).
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let day = shifted.get(key);
  if (day === undefined) shifted.set(key, (day = addCalendarDays(date, days)));
  return day;
}

// 0 = Sunday … 6 = Saturday.
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

// School holidays of zone B (Aix-Marseille), roughly, and the fixed public holidays: no
// training then. Close enough for demo data; the real calendar moves by a few days each year.
const HOLIDAYS: [from: string, to: string][] = [
  ['01-01', '01-04'],
  ['02-14', '03-01'],
  ['04-11', '04-26'],
  ['05-01', '05-01'],
  ['05-08', '05-08'],
  ['07-04', '08-31'],
  ['10-18', '11-02'],
  ['11-11', '11-11'],
  ['12-19', '12-31'],
];

export function isSchoolDay(date: string): boolean {
  const day = weekday(date);
  const monthDay = date.slice(5);
  return day >= 1 && day <= 5 && !HOLIDAYS.some(([from, to]) => monthDay >= from && monthDay <= to);
}

const offsets = new Map<string, number>();

// Paris wall-clock time to UTC. The offset is taken once per day at noon: sessions fall on
// weekdays, and clocks only change on Sunday nights.
export function parisInstant(date: string, time: string): number {
  let offset = offsets.get(date);
  if (offset === undefined) {
    const noon = parisLocalToUtc(date, '12:00');
    if (noon === null) throw new Error(`Not a Paris date: ${date}`);
    offset = Date.parse(`${date}T12:00:00Z`) - noon;
    offsets.set(date, offset);
  }
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new Error(`Not a Paris time: ${date} ${time}`);
  return wall - offset;
}
