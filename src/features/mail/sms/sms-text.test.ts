import { describe, expect, it } from 'vitest';
import { areas, keysOf, LANGS, t, type Lang } from '~/i18n';
import type { MessageKind } from '~/features/mail/outbox/enqueue.server';
import { payload, STARTS_AT } from '~/features/mail/messages/fixtures/payloads';
import { ARRONDISSEMENTS } from '~/demo/arrondissements';
import { createRandom } from '~/demo/random';
import { generateSchools } from '~/demo/schools';
import { TRACKS } from '~/demo/tracks';
import { smsShape, toGsmText } from './sms-parts';
import { SMS_SEGMENT_BUDGET, shorten, smsManageUrl, smsText } from './sms-text';

const KINDS: MessageKind[] = [
  'confirmed',
  'waitlisted',
  'promoted',
  'moved',
  'session-updated',
  'session-cancelled',
  'cancelled',
  'waitlist-left',
  'reminder',
];
const NOW = STARTS_AT - 86_400_000;
const longest = (values: string[]) => values.reduce((a, b) => (b.length > a.length ? b : a));

// The longest names the demo city really has: titles, schools (over a few seeds), places.
const TITLE = longest(TRACKS.map((track) => track.title));
const schools = [1, 2, 3, 13_013].flatMap((seed) => generateSchools(createRandom(seed)));
const VENUE = longest([...schools.map((s) => s.name), ...ARRONDISSEMENTS.flatMap((a) => a.places.map((p) => `Maison pour tous ${p}`))]);
const ADDRESS = `${longest(schools.map((s) => s.address))}, 13016 Marseille`;
// The budget holds for a PUBLIC_URL of up to 40 characters (this one) and 32-character tokens.
const PUBLIC_URL = 'https://passerelle.ecoles13.marseille.fr';
const manage = (lang: Lang) => smsManageUrl(PUBLIC_URL, lang, 'abcdefghijklmnopqrstuvwxyz234567');
// The longest date: a Wednesday in September of next year, with minutes on both ends.
const LONG_START = Date.UTC(2027, 8, 29, 8, 30);

function hardest(kind: MessageKind) {
  return payload(kind, {
    code: 'KBF936',
    waitlistPosition: kind === 'waitlisted' ? 12 : 0,
    session: {
      ...payload(kind).session,
      title: TITLE,
      startsAt: LONG_START,
      endsAt: LONG_START + 2 * 3600_000,
      venueName: VENUE,
      venueAddress: ADDRESS,
      cancelReason:
        kind === 'session-cancelled'
          ? "L'animatrice est malade et aucune remplaçante n'est disponible cette semaine-là, nous sommes désolés."
          : null,
    },
    ...(kind === 'session-updated'
      ? {
          previous: {
            startsAt: LONG_START - 7 * 86_400_000,
            endsAt: LONG_START - 7 * 86_400_000 + 2 * 3600_000,
            venueName: 'Bibliothèque du Merlan',
            venueAddress: '16 avenue Raimu, 13014 Marseille',
          },
        }
      : {}),
  });
}

const withLink = (kind: MessageKind) => !['session-cancelled', 'cancelled', 'waitlist-left'].includes(kind);

describe.each(LANGS)('SMS in %s', (lang) => {
  it.each(KINDS)('%s fits the budget with the longest real title, place and link', (kind) => {
    const sms = smsText(hardest(kind), { lang, manageUrl: withLink(kind) ? manage(lang) : null, publicUrl: PUBLIC_URL, now: NOW });
    expect(sms.segments, sms.text).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
    expect(sms.encoding).toBe(lang === 'ar' ? 'UCS-2' : 'GSM-7');
    expect(sms.text).toContain('KBF 936');
    if (withLink(kind)) expect(sms.text).toContain(manage(lang));
    // The title is there, whole or shortened from its start.
    expect(sms.text).toContain(TITLE.slice(0, 18).replace(/[’]/g, "'"));
  });

  it.each(KINDS)('%s keeps the whole title and place when they fit', (kind) => {
    const sms = smsText(payload(kind), { lang, manageUrl: withLink(kind) ? manage(lang) : null, publicUrl: PUBLIC_URL, now: NOW });
    expect(sms.text.split('\n')[1]).toBe("Suivre la scolarité avec l'ENT");
    expect(sms.segments).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
  });

  it('links to the booking page and the catalogue in the same language', () => {
    const prefix = lang === 'fr' ? '' : `/${lang}`;
    expect(manage(lang)).toBe(`${PUBLIC_URL}${prefix}/r/abcdefghijklmnopqrstuvwxyz234567`);
    const sms = smsText(payload('cancelled'), { lang, manageUrl: null, publicUrl: PUBLIC_URL, now: NOW });
    expect(sms.text.endsWith(`${PUBLIC_URL}${prefix || '/'}`)).toBe(true);
  });
});

it('never cuts the code or the link, even when the link alone breaks the budget', () => {
  const url = `https://${'tres-long.'.repeat(12)}example.fr/r/abcdefghijklmnopqrstuvwxyz234567`;
  const sms = smsText(hardest('confirmed'), { lang: 'ar', manageUrl: url, publicUrl: PUBLIC_URL, now: NOW });
  expect(sms.text).toContain(url);
  expect(sms.text).toContain('KBF 936');
});

describe('GSM-7 in French and English', () => {
  it.each(['fr', 'en'] as const)('every %s SMS text is written in GSM-7 characters', (lang) => {
    const texts = keysOf(areas.sms![lang]).map((key) => t(lang, key));
    expect(texts.filter((text) => smsShape(text).encoding !== 'GSM-7')).toEqual([]);
  });

  it('folds what would force UCS-2 in titles, places and dates', () => {
    const p = payload('confirmed', {
      session: {
        ...payload('confirmed').session,
        title: 'L’atelier « Être parent » … sœurs et frères, reçu',
        venueName: 'Maison\u00a0pour\u202ftous – Belle-de-Mai',
        startsAt: Date.UTC(2027, 7, 11, 8),
        endsAt: Date.UTC(2027, 7, 11, 10),
      },
    });
    const sms = smsText(p, { lang: 'fr', manageUrl: manage('fr'), publicUrl: PUBLIC_URL, now: NOW });
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.text).toContain('L\'atelier "Etre parent" ... soeurs et frères, recu');
    expect(sms.text).toContain('Maison pour tous - Belle-de-Mai');
    expect(sms.text).toContain('mercredi 11 aout 2027, 10 h - 12 h');
  });
});

describe('a change of date and place', () => {
  const moved = payload('session-updated', {
    previous: {
      startsAt: STARTS_AT - 86_400_000,
      endsAt: STARTS_AT - 86_400_000 + 7_200_000,
      venueName: 'Bibliothèque du Merlan',
      venueAddress: '16 avenue Raimu, 13014 Marseille',
    },
  });
  it('gives the new place with its address and what it was before', () => {
    const sms = smsText(moved, { lang: 'fr', manageUrl: manage('fr'), publicUrl: PUBLIC_URL, now: NOW - 86_400_000 });
    expect(sms.text.split('\n').slice(2, 5)).toEqual([
      'mardi 8 décembre, 14 h - 16 h',
      'École élémentaire Belsunce',
      '12 rue Belsunce, 13001 Marseille',
    ]);
    // The old place is the first to give way (the budget is 306 characters here).
    expect(sms.text).toContain('Avant : lundi 7 décembre, 14 h - 16 h');
    expect(sms.segments).toBe(2);
  });
  it.each(['fr', 'en'] as const)('keeps the new place in %s even with the longest names', (lang) => {
    const sms = smsText(hardest('session-updated'), { lang, manageUrl: manage(lang), publicUrl: PUBLIC_URL, now: NOW });
    expect(sms.text).toContain(toGsmText(VENUE));
  });
});

describe('reminders', () => {
  const reminder = (daysBefore: number, lang: Lang = 'fr') =>
    smsText(payload('reminder'), {
      lang,
      manageUrl: manage(lang),
      publicUrl: PUBLIC_URL,
      now: STARTS_AT - daysBefore * 86_400_000,
    }).text.split('\n')[0];
  it('says tomorrow, the day after tomorrow, or soon', () => {
    expect(reminder(1)).toBe('Rappel, votre atelier a lieu demain :');
    expect(reminder(2)).toBe('Rappel, votre atelier a lieu après-demain :');
    expect(reminder(2, 'en')).toBe('Reminder, your workshop is the day after tomorrow:');
    expect(reminder(4)).toBe('Rappel, votre atelier approche :');
  });
});

describe('shorten', () => {
  it('cuts at a word and marks the cut', () => {
    expect(shorten("Suivre la scolarité de mon enfant sur l'espace numérique", 30, '...')).toBe('Suivre la scolarité de mon...');
    expect(shorten('Court', 30, '...')).toBe('Court');
    expect(shorten('Abcdefghijklmnopqrstuvwxyz', 10, '…')).toBe('Abcdefghi…');
  });
});
