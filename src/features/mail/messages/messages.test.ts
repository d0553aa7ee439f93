import { describe, expect, it } from 'vitest';
import { composeMessage, UnknownMessageKindError } from '.';
import type { MessageKind } from '~/features/mail/outbox/enqueue.server';
import { payload, STARTS_AT } from './fixtures/payloads';

const NOW = Date.UTC(2026, 10, 20);
const MANAGE = 'http://localhost:4321/r/abcdefghijklmnopqrstuvwxyz234567';

function compose(kind: MessageKind, overrides = {}, manageUrl: string | null = MANAGE) {
  return composeMessage({ kind, language: 'fr', payload: { ...payload(kind, overrides) } }, { manageUrl, now: NOW });
}

describe('booking messages', () => {
  it.each([
    ['confirmed', "Inscription confirmée : Suivre la scolarité avec l'ENT", 'REQUEST'],
    ['promoted', "Une place s'est libérée : Suivre la scolarité avec l'ENT", 'REQUEST'],
    ['session-updated', "Changement : Suivre la scolarité avec l'ENT", 'REQUEST'],
    ['cancelled', "Inscription annulée : Suivre la scolarité avec l'ENT", 'CANCEL'],
    ['session-cancelled', "Séance annulée : Suivre la scolarité avec l'ENT", 'CANCEL'],
    ['waitlisted', "Liste d'attente : Suivre la scolarité avec l'ENT", null],
    ['reminder', "Rappel : Suivre la scolarité avec l'ENT, demain", null],
  ] as const)('%s: subject, the session facts, and %s an invite', (kind, subject, method) => {
    const m = compose(kind);
    expect(m.subject).toBe(subject);
    expect(m.invite?.method ?? null).toBe(method);
    expect(m.text).toContain('Bonjour Amina,');
    expect(m.text).toContain('Date : mardi 8 décembre, 14\u00a0h – 16\u00a0h');
    expect(m.text).toContain('Lieu : École élémentaire Belsunce, 12 rue Belsunce, 13001 Marseille');
    expect(m.text).toContain("Une question ? Contactez Ligue de l'Enseignement 13.");
    expect(m.html).toContain(
      'href="https://www.openstreetmap.org/search?query=%C3%89cole%20%C3%A9l%C3%A9mentaire%20Belsunce%2C%2012%20rue%20Belsunce%2C%2013001%20Marseille"',
    );
    expect(m.html).toContain('href="mailto:ateliers@ligue13.test"');
    expect(m.html).toContain('href="tel:0491000000"');
    expect(m.html).not.toMatch(/<img|<script|<link|url\(/i);
  });

  it('gives a manage link with live bookings, and none once cancelled', () => {
    for (const kind of ['confirmed', 'waitlisted', 'promoted', 'session-updated', 'reminder'] as const) {
      expect(compose(kind).html).toContain(`href="${MANAGE}"`);
    }
    for (const kind of ['cancelled', 'session-cancelled'] as const) {
      const m = compose(kind);
      expect(m.text).not.toContain('/r/');
      expect(m.html).toContain('Voir les autres séances');
    }
  });

  it('leaves the manage link out when there is none to give', () => {
    const m = compose('confirmed', {}, null);
    expect(m.text).not.toContain('Voir ou annuler ma réservation');
  });

  it('says the waitlist position and the number of adults', () => {
    expect(compose('waitlisted').text).toContain('en position 3.');
    expect(compose('confirmed').text).toContain('Personnes : 2 adultes');
    expect(compose('confirmed', { adults: 1 }).text).toContain('Personnes : 1 adulte');
    expect(compose('confirmed').text).toContain('Code de réservation : KBF 936');
  });

  it('shows the old time and place beside the new ones after a change', () => {
    const previous = {
      startsAt: STARTS_AT - 86_400_000,
      endsAt: STARTS_AT - 79_200_000,
      venueName: 'Bibliothèque du Panier',
      venueAddress: '',
    };
    const m = compose('session-updated', { previous });
    expect(m.text).toContain('Date : mardi 8 décembre, 14\u00a0h – 16\u00a0h\nAvant : lundi 7 décembre, 14\u00a0h – 16\u00a0h');
    expect(m.text).toContain('Avant : Bibliothèque du Panier');
  });

  it('gives the reason of a cancellation, and tells the waitlist without an invite', () => {
    expect(compose('session-cancelled').text).toContain('Raison : Animatrice malade');
    const waiting = compose('session-cancelled', { status: 'waitlisted' });
    expect(waiting.text).toContain("Vous étiez sur la liste d'attente");
    expect(waiting.invite).toBeNull();
  });

  it('escapes what people typed and greets without a name when there is none', () => {
    const m = compose('confirmed', { firstName: '<img src=x onerror=alert(1)>' });
    expect(m.html).toContain('Bonjour &#60;img src=x onerror=alert(1)&#62;,');
    expect(m.html).not.toContain('<img');
    expect(compose('confirmed', { firstName: null }).text.startsWith('Bonjour,\n')).toBe(true);
  });

  it('keeps the subject on one line', () => {
    const m = compose('confirmed', { session: { ...payload('confirmed').session, title: 'Atelier\r\nBcc: x@example.fr' } });
    expect(m.subject).toBe('Inscription confirmée : Atelier Bcc: x@example.fr');
  });

  it('writes to an Arabic reader in Arabic, right to left', () => {
    const m = composeMessage({ kind: 'confirmed', language: 'ar', payload: { ...payload('confirmed') } }, { manageUrl: MANAGE, now: NOW });
    expect(m.subject).toMatch(/^تأكيد التسجيل/);
    expect(m.html).toContain('<html lang="ar" dir="rtl">');
    expect(m.text).toContain(MANAGE);
  });

  it('writes to an English reader in English', () => {
    const m = composeMessage(
      { kind: 'waitlisted', language: 'en', payload: { ...payload('waitlisted') } },
      { manageUrl: MANAGE, now: NOW },
    );
    expect(m.subject).toMatch(/^Waiting list:/);
  });

  it('falls back to French for a language without text', () => {
    const m = composeMessage({ kind: 'confirmed', language: 'tr', payload: { ...payload('confirmed') } }, { manageUrl: MANAGE, now: NOW });
    expect(m.subject).toMatch(/^Inscription confirmée/);
    expect(m.text).toContain('mardi 8 décembre');
    expect(m.html).toContain('<html lang="fr" dir="ltr">');
  });
});

describe('account emails', () => {
  it('carry their link', () => {
    const m = composeMessage({
      kind: 'account-reset-password',
      language: 'fr',
      payload: { name: 'Claire', url: 'http://localhost:4321/reinitialiser/tok' },
    });
    expect(m.html).toContain('href="http://localhost:4321/reinitialiser/tok"');
    expect(m.invite).toBeNull();
  });
});

it('refuses a kind nobody can render', () => {
  expect(() => composeMessage({ kind: 'mystery', language: 'fr', payload: {} })).toThrow(UnknownMessageKindError);
});
