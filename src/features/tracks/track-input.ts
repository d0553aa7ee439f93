// What the tracks API and the staff track form accept: a title, whom it trains, the equipment
// kinds it trains for, its hours and GAIA module (teacher tracks), its public texts in Arabic
// and English (parent tracks). Errors are translation keys, one per field.
import { z } from 'zod';
import { EQUIPMENT_KINDS, type EquipmentKind, type Translations } from '~db/schema';
import type { Parsed } from '~/features/registration/registration-input';

export const MAX_TRACK_HOURS = 60;

export interface TrackDraft {
  title: string;
  audience: 'parent' | 'teacher';
  summary: string;
  equipmentKinds: EquipmentKind[];
  hours: number | null;
  gaiaModule: string | null;
  translations: Translations;
}

export type TrackChange = Partial<Omit<TrackDraft, 'audience'>> & { retired?: boolean };

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
const title = text(120).pipe(z.string().min(3, { error: 'tracks.errors.title' }));
const kinds = z
  .array(z.enum(EQUIPMENT_KINDS, { error: 'tracks.errors.kinds' }), { error: 'tracks.errors.kinds' })
  .max(EQUIPMENT_KINDS.length, { error: 'tracks.errors.kinds' })
  .transform((k) => [...new Set(k)]);
const hours = z
  .number({ error: 'tracks.errors.hours' })
  .positive({ error: 'tracks.errors.hours' })
  .max(MAX_TRACK_HOURS, { error: 'tracks.errors.hours' })
  .transform((h) => Math.round(h * 100) / 100)
  .nullish();
// GAIA module identifiers look like "23A0130045" or "MOD-12345": letters, figures and dashes.
const gaiaModule = text(40)
  .pipe(z.string().regex(/^([A-Za-z0-9][A-Za-z0-9-]{1,39})?$/, { error: 'tracks.errors.gaiaModule' }))
  .nullish();
const texts = z.object({ title: text(120).optional(), summary: text(600).optional() }).strict();
// Blank translations are left out: the French text shows instead.
const translations = z
  .object({ ar: texts.optional(), en: texts.optional() }, { error: 'errors.invalid' })
  .strict()
  .transform((t) => {
    const kept = Object.entries(t).map(([lang, v]) => [lang, Object.fromEntries(Object.entries(v ?? {}).filter(([, s]) => s))] as const);
    return Object.fromEntries(kept.filter(([, v]) => Object.keys(v).length)) as Translations;
  });

const common = {
  title,
  summary: text(600).optional(),
  equipmentKinds: kinds,
  hours,
  gaiaModule,
  translations: translations.optional(),
};

const createBody = z.object({ ...common, audience: z.enum(['parent', 'teacher'], { error: 'tracks.errors.audience' }) }).strict();
const changeBody = z
  .object({
    ...common,
    title: title.optional(),
    equipmentKinds: kinds.optional(),
    retired: z.boolean({ error: 'errors.invalid' }).optional(),
  })
  .strict();

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const unknown = issue.code === 'unrecognized_keys';
    const field = unknown ? (issue.keys[0] ?? '_') : String(issue.path[0] ?? '_');
    const known = /^(errors|tracks)\./.test(issue.message) ? issue.message : 'errors.invalid';
    errors[field] ??= unknown ? 'trainer.errors.unknownField' : known;
  }
  return errors;
}

const isObject = (body: unknown): body is Record<string, unknown> => body !== null && typeof body === 'object' && !Array.isArray(body);
const blankToNull = (s: string | null | undefined) => (s ? s : null);

export function parseTrackBody(body: unknown): Parsed<TrackDraft> {
  if (!isObject(body)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  const result = createBody.safeParse(body);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues) };
  const v = result.data;
  return {
    ok: true,
    value: {
      title: v.title,
      audience: v.audience,
      summary: v.summary ?? '',
      equipmentKinds: v.equipmentKinds,
      hours: v.hours ?? null,
      // A parent track has no GAIA module and no hours in a teacher's record.
      gaiaModule: v.audience === 'teacher' ? blankToNull(v.gaiaModule) : null,
      translations: v.translations ?? {},
    },
  };
}

export function parseTrackChange(body: unknown): Parsed<TrackChange> {
  if (!isObject(body)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  const result = changeBody.safeParse(body);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues) };
  const { gaiaModule: gaia, ...rest } = result.data;
  const change: TrackChange = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (gaia !== undefined) change.gaiaModule = blankToNull(gaia);
  if ('hours' in rest && rest.hours === null) change.hours = null;
  return { ok: true, value: change };
}

// The hours a training counts for: the track's, else the session's own length.
export function trainingHours(trackHours: number | null | undefined, startsAt: number, endsAt: number): number {
  if (trackHours != null && trackHours > 0) return trackHours;
  return Math.round(((endsAt - startsAt) / 3_600_000) * 100) / 100;
}
