// The staff track form (no JavaScript) to the API body, and a track back to the form's values:
// one checkbox per equipment kind (`kind-<kind>`), hours written "1,5" or "1.5".
import { EQUIPMENT_KINDS } from '~db/schema';
import type { TrackView } from '~/features/sessions/tracks.server';

export type FormValues = Record<string, string>;

function hoursOf(value: string | undefined): number | string | null {
  const v = (value ?? '').trim().replace(',', '.');
  if (v === '') return null;
  // Not a number: passed on as text, so the rules say "hours" is wrong.
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

const texts = (form: FormValues, lang: 'ar' | 'en') => ({ title: form[`${lang}Title`] ?? '', summary: form[`${lang}Summary`] ?? '' });

export function trackBodyFromForm(form: FormValues, { withAudience }: { withAudience: boolean }): Record<string, unknown> {
  return {
    title: form.title ?? '',
    ...(withAudience ? { audience: form.audience } : {}),
    summary: form.summary ?? '',
    equipmentKinds: EQUIPMENT_KINDS.filter((k) => form[`kind-${k}`]),
    hours: hoursOf(form.hours),
    gaiaModule: form.gaiaModule ?? '',
    translations: { ar: texts(form, 'ar'), en: texts(form, 'en') },
  };
}

export function formValuesOf(track: TrackView): FormValues {
  const values: FormValues = {
    title: track.title,
    audience: track.audience,
    summary: track.summary,
    hours: track.hours == null ? '' : String(track.hours).replace('.', ','),
    gaiaModule: track.gaiaModule ?? '',
  };
  for (const k of track.equipmentKinds) values[`kind-${k}`] = '1';
  for (const lang of ['ar', 'en'] as const) {
    values[`${lang}Title`] = track.translations[lang]?.title ?? '';
    values[`${lang}Summary`] = track.translations[lang]?.summary ?? '';
  }
  return values;
}
