import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '~/i18n';
import { TRACKS } from '~/demo/tracks';
import type { InterestMatchPayload } from '~/features/interest/interest-match.server';
import { shortWithdrawUrl } from '~/features/interest/interest.server';
import { interestSmsText } from './interest-sms';
import { SMS_SEGMENT_BUDGET } from './sms-fit';

const longest = (values: string[]) => values.reduce((a, b) => (b.length > a.length ? b : a));
const TITLE = longest(TRACKS.map((track) => track.title));
// A Wednesday in September of next year, with minutes on both ends: the longest date.
const START = Date.UTC(2027, 8, 29, 8, 30);
const NOW = START - 20 * 86_400_000;
// SMS carry a shorter withdrawal token (12 bytes) than emails.
const TOKEN = 'abcdefghijklmnopqrst';

function match(over: Partial<InterestMatchPayload['session']> = {}): InterestMatchPayload {
  return {
    kind: 'interest-match',
    requestId: 7,
    school: 'École élémentaire Belsunce',
    language: 'fr',
    session: {
      id: 12345,
      title: TITLE,
      startsAt: START,
      endsAt: START + 2 * 3600_000,
      venueName: 'École élémentaire Saint-Louis Village',
      venueAddress: '12 boulevard de la Méditerranée, 13016 Marseille',
      organisation: "Ligue de l'Enseignement 13",
      contactEmail: null,
      contactPhone: null,
      ...over,
    },
  };
}

const sms = (lang: Lang, publicUrl: string, p = match()) =>
  interestSmsText(p, { lang, manageUrl: shortWithdrawUrl(publicUrl, TOKEN), publicUrl, now: NOW });

describe.each(LANGS)('the "prévenez-moi" SMS in %s', (lang) => {
  it('fits the budget with the longest real title, the session link whole', () => {
    for (const publicUrl of ['https://passerelle.ecoles13.marseille.fr', 'https://passerelle.marseille.fr', 'http://127.0.0.1:4321']) {
      const text = sms(lang, publicUrl);
      expect(text.segments, text.text).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
      expect(text.encoding).toBe(lang === 'ar' ? 'UCS-2' : 'GSM-7');
      expect(text.text).toContain(`${publicUrl}${lang === 'fr' ? '' : `/${lang}`}/sessions/12345`);
    }
  });

  // French and English keep it with the longest PUBLIC_URL the budget tests use (40
  // characters); Arabic (UCS-2, 201 characters) with one of up to 24.
  it('keeps the stop link and the start of the title', () => {
    const publicUrl = lang === 'ar' ? 'https://passerelle13.fr' : 'https://passerelle.ecoles13.marseille.fr';
    const text = sms(lang, publicUrl);
    expect(text.text).toContain(`${publicUrl}/p/${TOKEN}`);
    expect(text.text).toContain(TITLE.slice(0, 18));
  });
});

describe('the "prévenez-moi" SMS text', () => {
  it('says it all in French when it fits, title in the reader language when written', () => {
    const short = match({ title: 'Parents et ENT', translations: { ar: { title: 'الأولياء والفضاء الرقمي' } } });
    expect(sms('fr', 'http://127.0.0.1:4321', short).text).toBe(
      [
        "Un atelier est prévu près de l'école de votre enfant :",
        'Parents et ENT',
        'mercredi 29 septembre, 10 h 30 - 12 h 30',
        'École élémentaire Saint-Louis Village',
        "S'inscrire : http://127.0.0.1:4321/sessions/12345",
        `Désinscription : http://127.0.0.1:4321/p/${TOKEN}`,
      ].join('\n'),
    );
    expect(sms('ar', 'http://127.0.0.1:4321', short).text).toContain('الأولياء والفضاء الرقمي');
  });
});
