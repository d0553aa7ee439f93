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
