// Every key French has must exist in every language, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { areas, FRENCH_ONLY_PREFIXES, keysOf, LANGS, t, TRANSLATED_AREAS } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const cases = TRANSLATED_AREAS.flatMap((area) => LANGS.filter((l) => l !== 'fr').map((lang) => [area, lang] as const));

describe.each(cases)('%s area in %s', (area, lang) => {
  const fr = keysOf(areas[area]!.fr).filter((k) => !FRENCH_ONLY_PREFIXES.some((p) => k.startsWith(p)));
  const other = new Set(keysOf(areas[area]![lang]));
  it('is not empty', () => expect(fr.length).toBeGreaterThan(10));
  it('has every French key', () => {
    expect(fr.filter((k) => !other.has(k))).toEqual([]);
  });
  it('keeps the placeholders of every message', () => {
    const wrong = fr.filter((k) => other.has(k) && placeholders(t(lang, k)).join() !== placeholders(t('fr', k)).join());
    expect(wrong).toEqual([]);
  });
});

it('picks plural forms and fills placeholders', () => {
  expect(t('fr', 'session.seatsLeft', { n: 1 })).toBe('1 place libre');
  expect(t('fr', 'session.seatsLeft', { n: 4 })).toBe('4 places libres');
  expect(t('en', 'catalog.count', { n: 0 })).toBe('No workshop');
});

it('says Arabic counts with the dual, the plural of 3 to 10 and the forms of 11 and up', () => {
  expect([0, 1, 2, 3, 10, 11, 99, 100, 103].map((n) => t('ar', 'mail.common.adults', { n }))).toEqual([
    '0 بالغ',
    'شخص بالغ واحد',
    'شخصان بالغان',
    '3 بالغين',
    '10 بالغين',
    '11 بالغًا',
    '99 بالغًا',
    '100 بالغ',
    '103 بالغين',
  ]);
  expect(t('ar', 'session.seatsLeft', { n: 2 })).toBe('مكانان متبقيان');
  expect(t('ar', 'catalog.count', { n: 0 })).toBe('لا توجد ورشة');
  expect(t('fr', 'mail.common.adults', { n: 2 })).toBe('2 adultes');
  expect(t('en', 'mail.common.adults', { n: 2 })).toBe('2 adults');
});

// Forms only some languages have (the Arabic dual…): each belongs to a key French has, and
// uses no placeholder that key lacks.
it('gives every plural form a general form with the same placeholders', () => {
  for (const lang of LANGS) {
    for (const area of Object.keys(areas)) {
      const keys = keysOf(areas[area]![lang]);
      const forms = keys.filter((k) => /_(two|few|many)$/.test(k));
      for (const form of forms) {
        const base = form.replace(/_(two|few|many)$/, '');
        expect(keys, `${lang} ${form}`).toContain(base);
        const allowed = new Set(placeholders(t('fr', base)));
        expect(
          placeholders(t(lang, form)).filter((p) => !allowed.has(p!)),
          `${lang} ${form}`,
        ).toEqual([]);
      }
    }
  }
});

// Areas are merged shallowly: two files with the same top-level key would hide one another.
it('gives every area its own top-level keys', () => {
  for (const lang of LANGS) {
    const seen = new Map<string, string>();
    for (const [area, dicts] of Object.entries(areas)) {
      for (const key of Object.keys(dicts[lang])) {
        expect(seen.get(key), `${lang}: "${key}" in ${area} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  }
});
