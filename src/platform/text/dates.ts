// Dates and times as people read them, always in Paris time whatever the server's zone:
// date-fns with @date-fns/tz for wall-clock times and calendar days, Intl for words.
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays as addCalendarDays, formatISO, lightFormat, parseISO } from 'date-fns';

export const TIME_ZONE = 'Europe/Paris';

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-u-nu-latn' };

// Building an Intl formatter costs far more than using one: keep one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options })));
  return f;
}

function parts(ms: number, options: Intl.DateTimeFormatOptions, lang = 'fr') {
  const fmt = formatter(LOCALES[lang] ?? 'fr-FR', options);
  return Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

// "14 h" or "14 h 30" in French, with no-break spaces so a narrow screen never leaves the
// minutes alone on the next line; "2:30 pm" style elsewhere.
export function formatTime(ms: number, lang = 'fr'): string {
  const p = parts(ms, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, lang);
  if (lang !== 'fr') {
    return formatter(LOCALES[lang] ?? 'en-GB', { hour: 'numeric', minute: '2-digit' }).format(ms);
  }
  const hour = String(Number(p.hour));
  return p.minute === '00' ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${p.minute}`;
}

// "mardi 8 décembre"; the year is added when it is not the current one.
export function formatDay(ms: number, lang = 'fr', now = Date.now()): string {
  const sameYear = parts(ms, { year: 'numeric' }).year === parts(now, { year: 'numeric' }).year;
  const fmt = formatter(LOCALES[lang] ?? 'fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return lang === 'fr' ? frenchFirst(fmt, ms) : fmt.format(ms);
}

// French writes the first of the month as an ordinal: "mardi 1er décembre", not "1 décembre".
export function frenchFirst(fmt: Intl.DateTimeFormat, date: number | Date): string {
  return fmt
    .formatToParts(date)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

// The comma between words of a date, as each language writes it: Arabic has its own (U+060C),
// and a Latin comma in an Arabic line reads as a typo. Every "day, time" goes through here.
const COMMAS: Record<string, string> = { fr: ', ', en: ', ', ar: '\u060c ' };
export function dateComma(lang = 'fr'): string {
  return COMMAS[lang] ?? ', ';
}

// Joins parts of a date line ("jeudi 3 décembre, 14 h") with the language's comma.
export function joinDateParts(parts: string[], lang = 'fr'): string {
  return parts.filter(Boolean).join(dateComma(lang));
}

// "mardi 8 décembre, 14 h": a day and a start time (mail subjects, staff pages).
export function formatDayTime(ms: number, lang = 'fr', now = Date.now()): string {
  return joinDateParts([formatDay(ms, lang, now), formatTime(ms, lang)], lang);
}

// "mardi 8 décembre, 14 h – 16 h". In Arabic the comma is Arabic and the hours, written left
// to right, are isolated (U+2068…U+2069) so "8:45 – 10:45" does not come out reversed.
export function formatSessionWhen(startsAt: number, endsAt: number, lang = 'fr', now = Date.now()): string {
  const hours = `${formatTime(startsAt, lang)} – ${formatTime(endsAt, lang)}`;
  return joinDateParts([formatDay(startsAt, lang, now), lang === 'ar' ? `\u2068${hours}\u2069` : hours], lang);
}

// Calendar days from one instant to another on a Paris calendar: 1 when `to` is tomorrow.
export function parisDaysBetween(from: number, to: number): number {
  const day = (ms: number) => Date.parse(`${utcToParisLocal(ms).date}T00:00:00Z`);
  return Math.round((day(to) - day(from)) / 86_400_000);
}

// Offset of Paris from UTC at a given instant, in minutes (60 in winter, 120 in summer).
export function parisOffsetMinutes(ms: number): number {
  return tzOffset(TIME_ZONE, new Date(ms));
}

// An instant seen on a Paris clock: its getters (getHours…) and date-fns answer in Paris time
// whatever the server's zone. ical-generator writes such a date as Paris wall-clock time.
export function parisDate(ms: number): TZDate {
  return new TZDate(ms, TIME_ZONE);
}

// Paris wall-clock time ("2027-03-28", "10:00") to a UTC instant. Null for impossible input.
// A time the clocks skip (02:30 the night summer time begins) is the one an hour later; a
// time they show twice (02:30 the night it ends) is the second, winter one. Not TZDate's
// constructor: which of the two it picks depends on the server's own zone.
export function parisLocalToUtc(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  // 30 February rolls over into March: not a date.
  if (new Date(wall).getUTCDate() !== da) return null;
  // Two passes settle the offset on both sides of a daylight-saving change.
  const utc = wall - parisOffsetMinutes(wall) * 60_000;
  return wall - parisOffsetMinutes(utc) * 60_000;
}

// "2027-03-28" and "10:00" for a UTC instant, in Paris time (for form fields).
export function utcToParisLocal(ms: number): { date: string; time: string } {
  const [date, time] = lightFormat(parisDate(ms), 'yyyy-MM-dd HH:mm').split(' ') as [string, string];
  return { date, time };
}

// ISO 8601 with the Paris offset, as the API answers: 2027-03-28T10:00:00+02:00
export function toParisIso(ms: number): string {
  return formatISO(parisDate(ms));
}

// A Paris calendar date ("2027-03-28") plus n days, on the calendar (not 24-hour steps).
// A calendar date needs no time zone to move by whole days (and a zone lookup per call is
// 15× slower: the demo generator calls this tens of thousands of times).
export function addDays(date: string, days: number): string {
  return lightFormat(addCalendarDays(parseISO(date), days), 'yyyy-MM-dd');
}
