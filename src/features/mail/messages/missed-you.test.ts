import { describe, expect, it } from 'vitest';
import { composeMessage } from '.';
import { smsText } from '~/features/mail/sms/sms-text';
import { payload, STARTS_AT } from './fixtures/payloads';

const NOW = STARTS_AT + 3 * 3_600_000;
const NEXT = { id: 42, startsAt: STARTS_AT + 7 * 86_400_000, endsAt: STARTS_AT + 7 * 86_400_000 + 7_200_000, venueName: 'Centre social' };
const missed = (nextDates = [NEXT]) => payload('missed-you', { nextDates });

describe('"on vous a manqué"', () => {
  it('is kind, gives each next date as a link to book, and no manage link', () => {
    const m = composeMessage({ kind: 'missed-you', language: 'fr', payload: { ...missed() } }, { manageUrl: null, now: NOW });
    expect(m.subject).toBe("On vous a manqué : Suivre la scolarité avec l'ENT");
    expect(m.text).toContain("Ce n'est pas grave");
    expect(m.html).toContain('href="http://localhost:4321/sessions/42"');
    expect(m.html).toContain('mardi 15 décembre');
    expect(m.invite).toBeNull();
  });
  it('says it in Arabic, linking to the Arabic pages', () => {
    const m = composeMessage({ kind: 'missed-you', language: 'ar', payload: { ...missed() } }, { manageUrl: null, now: NOW });
    expect(m.subject).toContain('افتقدناك');
    expect(m.html).toContain('href="http://localhost:4321/ar/sessions/42"');
  });
  it('points to the catalog when there is no next date', () => {
    const m = composeMessage({ kind: 'missed-you', language: 'en', payload: { ...missed([]) } }, { manageUrl: null, now: NOW });
    expect(m.text).toContain('There is no other date');
    expect(m.html).toContain('href="http://localhost:4321/en"');
  });
  it('fits an SMS with the next date and its link', () => {
    const sms = smsText(missed(), { lang: 'fr', manageUrl: null, publicUrl: 'http://localhost:4321', now: NOW });
    expect(sms.text).toContain('Prochaine date : mardi 15 décembre');
    expect(sms.text).toContain('Reserver : http://localhost:4321/sessions/42');
    expect(sms.segments).toBeLessThanOrEqual(2);
  });
});
