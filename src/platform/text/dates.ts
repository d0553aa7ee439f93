// Dates and times as people read them, always in Paris time whatever the server's zone.
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
  return formatter(LOCALES[lang] ?? 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(ms);
}

// "mardi 8 décembre, 14 h – 16 h"
export function formatSessionWhen(startsAt: number, endsAt: number, lang = 'fr', now = Date.now()): string {
  return `${formatDay(startsAt, lang, now)}, ${formatTime(startsAt, lang)} – ${formatTime(endsAt, lang)}`;
}

// Offset of Paris from UTC at a given instant, in minutes (60 in winter, 120 in summer).
export function parisOffsetMinutes(ms: number): number {
  const p = parts(ms, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

// Paris wall-clock time ("2027-03-28", "10:00") to a UTC instant. Null for impossible input.
export function parisLocalToUtc(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(wall).getUTCDate() !== da) return null;
  // Two passes settle the offset on both sides of a daylight-saving change.
  let utc = wall - parisOffsetMinutes(wall) * 60000;
  utc = wall - parisOffsetMinutes(utc) * 60000;
  return utc;
}

// "2027-03-28" and "10:00" for a UTC instant, in Paris time (for form fields).
export function utcToParisLocal(ms: number): { date: string; time: string } {
  const p = parts(ms, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

// ISO 8601 with the Paris offset, as the API answers: 2027-03-28T10:00:00+02:00
export function toParisIso(ms: number): string {
  const off = parisOffsetMinutes(ms);
  const local = new Date(ms + off * 60000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
