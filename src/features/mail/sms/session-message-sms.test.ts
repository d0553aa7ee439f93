// The trainer's message by SMS: the trainer's words always whole, in the person's language
// when written in it (French otherwise), within the budget even at the longest.
import { describe, expect, it } from 'vitest';
import { LANGS } from '~/i18n';
import { payload, STARTS_AT } from '~/features/mail/messages/fixtures/payloads';
import { TRACKS } from '~/demo/tracks';
import { MESSAGE_MAX } from '~/features/notices/session-message';
import { SMS_SEGMENT_BUDGET, smsManageUrl, smsText } from './sms-text';

const PUBLIC_URL = 'https://passerelle.ecoles13.marseille.fr';
const TITLE = TRACKS.map((track) => track.title).reduce((a, b) => (b.length > a.length ? b : a));
const LONG_START = Date.UTC(2027, 8, 29, 8, 30);
const fill = (start: string, char: string) => (start + char.repeat(MESSAGE_MAX)).slice(0, MESSAGE_MAX);
const MESSAGE = {
  fr: fill('La salle change : rendez-vous salle 2 au premier étage, apportez vos identifiants EduConnect. ', 'x'),
  ar: fill('تغيّرت القاعة: الموعد في القاعة 2 بالطابق الأول، أحضروا معرّفات EduConnect. ', 'ب'),
  en: fill('The room changed: room 2 on the first floor, bring your EduConnect login. ', 'y'),
};

function sms(lang: (typeof LANGS)[number], message: Partial<typeof MESSAGE> = MESSAGE) {
  const p = payload('session-message', {
    message,
    session: { ...payload('session-message').session, title: TITLE, startsAt: LONG_START, endsAt: LONG_START + 7_200_000 },
  });
  const manageUrl = smsManageUrl(PUBLIC_URL, lang, 'abcdefghijklmnopqrstuvwxyz234567');
  return smsText(p, { lang, manageUrl, publicUrl: PUBLIC_URL, now: STARTS_AT - 86_400_000 });
}

describe.each(LANGS)('a trainer message by SMS in %s', (lang) => {
  it('fits the budget with the longest message, title and date, the message whole', () => {
    const text = sms(lang);
    expect(text.segments, text.text).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
    expect(text.encoding).toBe(lang === 'ar' ? 'UCS-2' : 'GSM-7');
    expect(text.text).toContain(MESSAGE[lang].slice(0, 60).replace(/é/g, 'é'));
  });

  it('keeps the code and the link when there is room', () => {
    const text = sms(lang, { fr: 'Salle 2.', ar: 'القاعة 2.', en: 'Room 2.' });
    expect(text.text).toContain(smsManageUrl(PUBLIC_URL, lang, 'abcdefghijklmnopqrstuvwxyz234567'));
    expect(text.segments).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
  });
});

it('falls back to French for a language the trainer did not write in', () => {
  expect(sms('en', { fr: 'La salle change : salle 2.' }).text).toContain('La salle change : salle 2.');
});
