// The session form of the trainer pages: posted strings (date and time in Paris time, a
// duration, a list of languages) to the same draft and rules as the API, and a session back
// to form values for editing or duplicating it.
import { seriesDates, type NewDate } from '~/features/courses/course-dates';
import { addDays, toParisIso, utcToParisLocal } from '~/platform/text/dates';
import type { FieldErrors, Parsed } from '~/features/registration/registration-input';
import {
  MAX_DURATION_MINUTES,
  MAX_WEEKS,
  parseSessionBody,
  TRANSLATED_FIELDS,
  TRANSLATION_LANGS,
  weeklyStarts,
  type SessionDraft,
  type SessionEdit,
} from './session-input';
import type { Translations } from '~db/schema';

export interface SessionFormValues {
  trackId: string;
  title: string;
  audience: string;
  organisation: string;
  date: string;
  time: string;
  duration: string;
  schoolUai: string;
  venueName: string;
  venueAddress: string;
  capacity: string;
  languages: string[];
  interpreterNote: string;
  childcareNote: string;
  accessibilityNote: string;
  weeks: string;
  // A weekly series as separate sessions (booked one by one) or one course (booked once).
  seriesKind: string;
  // The Arabic and English texts, as `title_ar`, `summary_en`… (translationFields()).
  texts: Record<string, string>;
}

export function translationFields(): { name: string; field: (typeof TRANSLATED_FIELDS)[number]; lang: 'ar' | 'en' }[] {
  return TRANSLATION_LANGS.flatMap((lang) => TRANSLATED_FIELDS.map((field) => ({ name: `${field}_${lang}`, field, lang })));
}

function textsFrom(translations: Translations | undefined): Record<string, string> {
  return Object.fromEntries(translationFields().map((f) => [f.name, translations?.[f.lang]?.[f.field] ?? '']));
}

function translationsFrom(texts: Record<string, string>): Translations {
  const out: Translations = {};
  for (const f of translationFields()) if (texts[f.name]?.trim()) (out[f.lang] ??= {})[f.field] = texts[f.name];
  return out;
}

const FIELDS = [
  'trackId',
  'title',
  'audience',
  'organisation',
  'date',
  'time',
  'duration',
  'schoolUai',
  'venueName',
  'venueAddress',
  'capacity',
  'interpreterNote',
  'childcareNote',
  'accessibilityNote',
  'weeks',
  'seriesKind',
] as const;

export function emptyFormValues(overrides: Partial<SessionFormValues> = {}): SessionFormValues {
  const blank = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Omit<SessionFormValues, 'languages' | 'texts'>;
  return { ...blank, duration: '120', capacity: '12', weeks: '1', languages: ['fr'], texts: textsFrom({}), ...overrides };
}

export function sessionFormValues(form: FormData): SessionFormValues {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v.slice(0, 600) : '';
  };
  const values = Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as Omit<SessionFormValues, 'languages' | 'texts'>;
  const texts = Object.fromEntries(translationFields().map((f) => [f.name, get(f.name)]));
  const languages = form
    .getAll('languages')
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 12);
  return { ...values, languages, texts };
}

// Errors about the instant belong to the fields a person typed it in.
const FORM_FIELD: Record<string, string> = { startsAt: 'date', endsAt: 'duration' };

function whenErrors(v: SessionFormValues): { errors: FieldErrors; start: number | null; minutes: number; weeks: number } {
  const errors: FieldErrors = {};
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(v.date);
  const timeOk = /^([01]?\d|2[0-3]):[0-5]\d$/.test(v.time);
  if (!dateOk) errors.date = 'trainer.errors.date';
  if (!timeOk) errors.time = 'trainer.errors.time';
  const start = dateOk && timeOk ? (weeklyStarts(v.date, v.time, 1)?.[0] ?? null) : null;
  if (dateOk && timeOk && start === null) errors.date = 'trainer.errors.date';
  const minutes = Number(v.duration);
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > MAX_DURATION_MINUTES) errors.duration = 'trainer.errors.duration';
  const weeks = v.weeks === '' ? 1 : Number(v.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) errors.weeks = 'trainer.errors.weeks';
  return { errors, start, minutes, weeks };
}

// One draft (the first session) and the start of every session of the series.
export function parseSessionForm(
  v: SessionFormValues,
  { now = Date.now(), keptStart }: { now?: number; keptStart?: number } = {},
): Parsed<{ draft: SessionDraft; starts: number[]; dates?: NewDate[] }> {
  const when = whenErrors(v);
  // A stand-in instant keeps the other checks running, so every problem shows at once.
  const start = when.start ?? now + 86_400_000;
  const minutes = when.errors.duration ? 60 : when.minutes;
  const body = {
    trackId: v.trackId ? Number(v.trackId) : null,
    title: v.title,
    // A chosen track says who the session is for; the radio only matters for a free title.
    audience: v.trackId ? null : v.audience || null,
    organisation: v.organisation,
    startsAt: toParisIso(start),
    endsAt: toParisIso(start + minutes * 60_000),
    venueName: v.venueName,
    venueAddress: v.venueAddress,
    schoolUai: v.schoolUai,
    capacity: v.capacity.trim() === '' ? undefined : Number(v.capacity),
    languages: v.languages,
    interpreterNote: v.interpreterNote,
    childcareNote: v.childcareNote,
    accessibilityNote: v.accessibilityNote,
    translations: translationsFrom(v.texts),
  };
  const parsed = parseSessionBody(body, { now, keptStart });
  const errors: FieldErrors = { ...when.errors };
  if (!parsed.ok) for (const [field, key] of Object.entries(parsed.errors)) errors[FORM_FIELD[field] ?? field] ??= key;
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
  const starts = when.weeks > 1 ? weeklyStarts(v.date, v.time, when.weeks) : [parsed.value.startsAt];
  if (!starts) return { ok: false, errors: { weeks: 'trainer.errors.weeks' } };
  const course = v.seriesKind === 'course' && starts.length > 1;
  const dates = course ? seriesDates(starts, parsed.value.endsAt - parsed.value.startsAt) : undefined;
  return { ok: true, value: { draft: parsed.value, starts, dates } };
}

export interface SessionLike {
  trackId: number | null;
  title: string;
  audience: string;
  organisation: { slug: string };
  startsAt: number;
  endsAt: number;
  venue: { name: string; address: string };
  school: { uai: string } | null;
  capacity: number;
  languages: string[];
  interpreterNote: string;
  childcareNote: string;
  accessibilityNote: string;
  translations?: Translations;
  dates?: { startsAt: number; endsAt: number }[];
}

// A session as form values; `shiftDays` moves it on the calendar (a duplicate, next week).
export function formValuesFrom(s: SessionLike, shiftDays = 0): SessionFormValues {
  const local = utcToParisLocal(s.startsAt);
  return emptyFormValues({
    trackId: s.trackId ? String(s.trackId) : '',
    title: s.title,
    audience: s.audience,
    organisation: s.organisation.slug,
    date: shiftDays ? addDays(local.date, shiftDays) : local.date,
    time: local.time,
    // A course's span is weeks long: its form speaks of its first date.
    duration: String(Math.round(((s.dates?.[0]?.endsAt ?? s.endsAt) - (s.dates?.[0]?.startsAt ?? s.startsAt)) / 60_000)),
    schoolUai: s.school?.uai ?? '',
    venueName: s.venue.name,
    venueAddress: s.venue.address,
    capacity: String(s.capacity),
    languages: s.languages,
    interpreterNote: s.interpreterNote,
    childcareNote: s.childcareNote,
    accessibilityNote: s.accessibilityNote,
    texts: textsFrom(s.translations),
  });
}

const WEEK = 7 * 24 * 60 * 60 * 1000;

// A duplicate lands on the same weekday and time, a week after the original or, for a past
// session, the first such day still to come.
export function duplicateValues(s: SessionLike, now = Date.now()): SessionFormValues {
  const weeks = Math.max(1, Math.ceil((now - s.startsAt) / WEEK));
  return formValuesFrom(s, 7 * weeks);
}

// A start as the form shows it back: to the minute, in Paris time.
export function startAsShown(startsAt: number): number {
  const local = utcToParisLocal(startsAt);
  return weeklyStarts(local.date, local.time, 1)?.[0] ?? startsAt;
}

// The edit form says everything; blanks keep what the session had (its title, the venue of
// its school) rather than erase it. The form speaks in minutes: an untouched date, time or
// duration keeps the session's exact instants, so attendees are not told of a non-change.
export function editFromDraft(d: SessionDraft, before?: Pick<SessionLike, 'startsAt' | 'endsAt'>): SessionEdit {
  let { startsAt, endsAt } = d;
  if (before) {
    const sameMinutes = Math.round((before.endsAt - before.startsAt) / 60_000) * 60_000 === endsAt - startsAt;
    if (startAsShown(before.startsAt) === startsAt) {
      endsAt = sameMinutes ? before.endsAt : before.startsAt + (endsAt - startsAt);
      startsAt = before.startsAt;
    }
  }
  return {
    title: d.title ?? undefined,
    startsAt,
    endsAt,
    venueName: d.venueName ?? undefined,
    venueAddress: d.venueAddress ?? undefined,
    schoolUai: d.schoolUai,
    capacity: d.capacity,
    languages: d.languages,
    interpreterNote: d.interpreterNote,
    childcareNote: d.childcareNote,
    accessibilityNote: d.accessibilityNote,
    translations: d.translations,
  };
}
