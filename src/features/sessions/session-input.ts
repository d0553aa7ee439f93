// What the session form and the sessions API accept: a draft the domain then resolves
// (track, school, organisation). Errors are translation keys, one per field.
import { z } from 'zod';
import { addDays, parisLocalToUtc } from '~/platform/text/dates';
import type { FieldErrors, Parsed } from '~/features/registration/registration-input';
import type { Translations } from '~db/schema';

export const AUDIENCES = ['parent', 'teacher'] as const;
export type Audience = (typeof AUDIENCES)[number];
// Offered in the form, in minutes; the API takes any end up to MAX_DURATION after the start.
export const DURATIONS = [60, 90, 120, 150, 180, 240, 360] as const;
export const MAX_DURATION_MINUTES = 12 * 60;
export const MAX_WEEKS = 12;
export const MAX_CAPACITY = 1000;

export interface SessionNotes {
  interpreterNote: string;
  childcareNote: string;
  accessibilityNote: string;
  // The public texts in Arabic and English, where the trainer wrote them.
  translations: Translations;
}

export const TRANSLATED_FIELDS = ['title', 'summary', 'interpreterNote', 'childcareNote', 'accessibilityNote'] as const;
export const TRANSLATION_LANGS = ['ar', 'en'] as const;

export interface SessionDraft extends SessionNotes {
  trackId: number | null;
  // null: taken from the track (title, audience), the school (venue) or the organisation.
  title: string | null;
  audience: Audience | null;
  organisation: string | null;
  startsAt: number;
  endsAt: number;
  venueName: string | null;
  venueAddress: string | null;
  schoolUai: string | null;
  capacity: number;
  languages: string[];
}

// A change to an existing session: only what is given changes.
export type SessionEdit = Partial<Omit<SessionDraft, 'trackId' | 'audience' | 'organisation'>>;

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const text = (max: number) =>
  z
    .string({ error: 'errors.invalid' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max, { error: 'errors.tooLong' })
        .refine((s) => !UNSAFE.test(s), { error: 'errors.invalidCharacters' }),
    );
const optionalText = (max: number) => text(max).nullish();
const languageCode = z.string().regex(/^[a-z]{2,3}$/, { error: 'trainer.errors.languages' });
const languages = z
  .array(languageCode, { error: 'trainer.errors.languages' })
  .min(1, { error: 'trainer.errors.languages' })
  .max(8, { error: 'trainer.errors.languages' });
const capacity = z
  .number({ error: 'trainer.errors.capacity' })
  .int({ error: 'trainer.errors.capacity' })
  .min(1, { error: 'trainer.errors.capacity' })
  .max(MAX_CAPACITY, { error: 'trainer.errors.capacity' });
const uai = z
  .string({ error: 'trainer.errors.school' })
  .trim()
  .toUpperCase()
  .regex(/^(\d{7}[A-Z])?$/, { error: 'trainer.errors.school' });

// ISO 8601 with an explicit offset: "10:00" alone would not say which day-light time it is.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const instant = z
  .string({ error: 'trainer.errors.isoTime' })
  .regex(ISO_WITH_OFFSET, { error: 'trainer.errors.isoTime' })
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'trainer.errors.isoTime' });
    return ms;
  });

const publicTexts = z
  .object({
    title: text(120).optional(),
    summary: text(600).optional(),
    interpreterNote: text(300).optional(),
    childcareNote: text(300).optional(),
    accessibilityNote: text(300).optional(),
  })
  .strict();
// Blank translations are left out: the French text shows instead.
const translations = z
  .object({ ar: publicTexts.optional(), en: publicTexts.optional() }, { error: 'errors.invalid' })
  .strict()
  .transform((t) => {
    const kept = Object.entries(t).map(
      ([lang, texts]) => [lang, Object.fromEntries(Object.entries(texts ?? {}).filter(([, v]) => v))] as const,
    );
    return Object.fromEntries(kept.filter(([, texts]) => Object.keys(texts).length)) as Translations;
  });

const notes = {
  interpreterNote: optionalText(300),
  childcareNote: optionalText(300),
  accessibilityNote: optionalText(300),
  translations: translations.optional(),
};

export const sessionBody = z.object({
  trackId: z
    .number({ error: 'trainer.errors.track' })
    .int({ error: 'trainer.errors.track' })
    .positive({ error: 'trainer.errors.track' })
    .nullish(),
  title: optionalText(120),
  audience: z.enum(AUDIENCES, { error: 'trainer.errors.audience' }).nullish(),
  organisation: optionalText(40),
  startsAt: instant,
  endsAt: instant,
  venueName: optionalText(120),
  venueAddress: optionalText(200),
  schoolUai: uai.nullish(),
  capacity,
  languages: languages.optional(),
  ...notes,
});

export const sessionPatchBody = z
  .object({
    title: text(120)
      .pipe(z.string().min(1, { error: 'trainer.errors.titleRequired' }))
      .optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    venueName: text(120)
      .pipe(z.string().min(1, { error: 'trainer.errors.venueRequired' }))
      .optional(),
    venueAddress: text(200).optional(),
    schoolUai: uai.nullable().optional(),
    capacity: capacity.optional(),
    languages: languages.optional(),
    ...notes,
  })
  .strict();

export const cancelBody = z.object({
  reason: text(500).pipe(z.string().min(3, { error: 'trainer.errors.reasonRequired' })),
});

export function fieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '_') : String(issue.path[0] ?? '_');
    const key = issue.message.startsWith('errors.') || issue.message.startsWith('trainer.') ? issue.message : 'errors.invalid';
    errors[field] ??= issue.code === 'unrecognized_keys' ? 'trainer.errors.unknownField' : key;
  }
  return errors;
}

// Rules across fields, shared by the form and the API. `keptStart`: an edit that leaves the
// start as it was may keep a start in the past (fixing a note after the session).
export function checkTimes(startsAt: number, endsAt: number, now: number, keptStart?: number): FieldErrors {
  if (!(endsAt > startsAt)) return { endsAt: 'trainer.errors.endBeforeStart' };
  if (endsAt - startsAt > MAX_DURATION_MINUTES * 60_000) return { endsAt: 'trainer.errors.tooLong' };
  if (startsAt <= now && startsAt !== keptStart) return { startsAt: 'trainer.errors.past' };
  return {};
}

function blankToNull(s: string | null | undefined): string | null {
  return s ? s : null;
}

// The API body of POST /api/v1/sessions (the form goes through it too, see session-form.ts).
export function parseSessionBody(
  body: unknown,
  { now = Date.now(), keptStart }: { now?: number; keptStart?: number } = {},
): Parsed<SessionDraft> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  // Fields that need one another are checked even when others failed: every problem at once.
  const raw = body as Record<string, unknown>;
  const given = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v != null);
  const errors: FieldErrors = {};
  if (!given(raw.trackId) && !given(raw.title)) errors.title = 'trainer.errors.titleRequired';
  if (!given(raw.schoolUai) && !given(raw.venueName)) errors.venueName = 'trainer.errors.venueRequired';
  const result = sessionBody.safeParse(body);
  if (!result.success) return { ok: false, errors: { ...errors, ...fieldErrors(result.error.issues) } };
  const v = result.data;
  Object.assign(errors, checkTimes(v.startsAt, v.endsAt, now, keptStart));
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      trackId: v.trackId ?? null,
      title: blankToNull(v.title),
      audience: v.audience ?? null,
      organisation: blankToNull(v.organisation),
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      venueName: blankToNull(v.venueName),
      venueAddress: blankToNull(v.venueAddress),
      schoolUai: blankToNull(v.schoolUai),
      capacity: v.capacity,
      languages: v.languages ?? ['fr'],
      interpreterNote: v.interpreterNote ?? '',
      childcareNote: v.childcareNote ?? '',
      accessibilityNote: v.accessibilityNote ?? '',
      translations: v.translations ?? {},
    },
  };
}

// The API body of PATCH /api/v1/sessions/:id. Times are checked by the domain, which knows
// the session's current ones.
export function parseSessionPatch(body: unknown): Parsed<SessionEdit> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  const result = sessionPatchBody.safeParse(body);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues) };
  const edit = Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined)) as SessionEdit;
  if (!Object.keys(edit).length) return { ok: false, errors: { _: 'trainer.errors.nothingToChange' } };
  if (edit.schoolUai === '') edit.schoolUai = null;
  return { ok: true, value: edit };
}

export function parseCancel(body: unknown): Parsed<{ reason: string }> {
  const result = cancelBody.safeParse(body ?? {});
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues) };
}

// The same Paris wall-clock time every week: a series crossing a daylight-saving change
// keeps "Tuesday 14:00", so the UTC instants are not 7 × 24 hours apart.
export function weeklyStarts(date: string, time: string, weeks: number): number[] | null {
  const starts = Array.from({ length: weeks }, (_, i) => parisLocalToUtc(addDays(date, 7 * i), time));
  return starts.every((s): s is number => s !== null) ? starts : null;
}
