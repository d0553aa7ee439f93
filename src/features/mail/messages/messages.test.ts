import { describe, expect, it } from 'vitest';
import { composeMessage, UnknownMessageKindError, unsubscribeUrl } from '.';
import type { MessageKind } from '~/features/mail/outbox/enqueue.server';
import { payload, STARTS_AT } from './fixtures/payloads';

const NOW = Date.UTC(2026, 10, 20);
const MANAGE = 'http://localhost:4321/r/abcdefghijklmnopqrstuvwxyz234567';

function compose(kind: MessageKind, overrides = {}, manageUrl: string | null = MANAGE) {
  return composeMessage({ kind, language: 'fr', payload: { ...payload(kind, overrides) } }, { manageUrl, now: NOW });
}

describe('booking messages', () => {
  it.each([
    ['confirmed', "Inscription confirmée : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", 'REQUEST'],
    ['promoted', "Une place s'est libérée : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", 'REQUEST'],
    ['session-updated', "Changement : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", 'REQUEST'],
    ['cancelled', "Inscription annulée : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", 'CANCEL'],
    ['session-cancelled', "Séance annulée : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", 'CANCEL'],
    ['waitlisted', "Liste d'attente : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", null],
    ['reminder', "Rappel : Suivre la scolarité avec l'ENT — mardi 8 décembre, 14 h", null],
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

  it('sends the link again to someone who booked twice, with no invite (issue 14.2)', () => {
    const m = compose('link-resent');
    expect(m.subject).toBe("Votre lien de réservation : Suivre la scolarité avec l'ENT");
    expect(m.html).toContain(`href="${MANAGE}"`);
    expect(m.text).toContain("Si ce n'était pas vous, ignorez ce message");
    expect(m.invite).toBeNull();
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
    expect(m.subject).toBe('Inscription confirmée : Atelier Bcc: x@example.fr — mardi 8 décembre, 14 h');
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

describe('dates, links and direction', () => {
  const MANAGE_AR = 'http://localhost:4321/ar/r/abcdefghijklmnopqrstuvwxyz234567';
  const composeIn = (kind: MessageKind, language: string, overrides = {}, now = NOW, manageUrl: string | null = MANAGE) =>
    composeMessage({ kind, language, payload: { ...payload(kind, overrides) } }, { manageUrl, now });

  it.each(['fr', 'ar', 'en'])('puts the day and the time in every subject (%s)', (language) => {
    for (const kind of [
      'confirmed',
      'waitlisted',
      'promoted',
      'cancelled',
      'waitlist-left',
      'session-updated',
      'moved',
      'session-cancelled',
      'reminder',
    ] as const) {
      const m = composeIn(kind, language);
      expect(m.subject, kind).toMatch(
        language === 'fr' ? /8 décembre, 14 h$/ : language === 'en' ? /8 December, 14:00$/ : /8 ديسمبر، 2:00 م$/,
      );
      expect(m.language).toBe(language);
    }
  });

  it('shortens a long title rather than the date', () => {
    const title = 'Atelier '.repeat(40).trim();
    const m = compose('confirmed', { session: { ...payload('confirmed').session, title } });
    expect(m.subject.length).toBeLessThanOrEqual(180);
    expect(m.subject).toMatch(/…\s—\smardi 8 décembre, 14 h$/);
  });

  it('reminds two days before and the day before, each with a one-tap "I cannot come" link', () => {
    const twoDays = composeIn('reminder', 'fr', {}, STARTS_AT - 2 * 86_400_000);
    expect(twoDays.subject).toBe("Rappel : Suivre la scolarité avec l'ENT — après-demain, mardi 8 décembre, 14 h");
    expect(twoDays.text).toContain('Petit rappel : votre séance a lieu après-demain.');
    expect(twoDays.html).toContain(`href="${MANAGE}/annuler"`);
    expect(twoDays.text).toContain(`Je ne pourrai pas venir :\n${MANAGE}/annuler`);
    const tomorrow = composeIn('reminder', 'fr', {}, STARTS_AT - 86_400_000);
    expect(tomorrow.subject).toBe("Rappel : Suivre la scolarité avec l'ENT — demain, mardi 8 décembre, 14 h");
    expect(composeIn('reminder', 'ar', {}, STARTS_AT - 86_400_000, MANAGE_AR).html).toContain(`href="${MANAGE_AR}/annuler"`);
    expect(composeIn('reminder', 'en', {}, STARTS_AT - 2 * 86_400_000).subject).toMatch(/^Reminder: .* — the day after tomorrow, /);
    // No link to give (an admin's preview): no button that leads nowhere.
    expect(composeIn('reminder', 'fr', {}, NOW, null).text).not.toContain('Je ne pourrai pas venir');
  });

  it('says how to cancel beside every invite: declining in the calendar frees nothing', () => {
    for (const kind of ['confirmed', 'promoted', 'session-updated', 'moved'] as const) {
      expect(compose(kind).text, kind).toContain('répondre « Non » ou « Refuser » dans votre agenda ne libère pas la place');
    }
  });

  it('sends "other sessions" to the catalog in the reader’s language', () => {
    expect(composeIn('cancelled', 'ar').html).toContain('href="http://localhost:4321/ar/"');
    expect(composeIn('session-cancelled', 'en').html).toContain('href="http://localhost:4321/en/"');
    expect(compose('cancelled').html).toContain('href="http://localhost:4321/"');
  });

  it('writes Arabic right to left even where a mail app drops <html> and <body>', () => {
    const { html } = composeIn('confirmed', 'ar', {}, NOW, MANAGE_AR);
    const inner = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!;
    expect(inner).toMatch(/^<div dir="rtl" style="[^"]*text-align:right;/);
    const cells = [...inner.matchAll(/<t[hd] [^>]*>/g)].map((c) => c[0]);
    expect(cells.length).toBeGreaterThan(4);
    for (const cell of cells) {
      expect(cell).toContain('dir="rtl"');
      expect(cell).toContain('text-align:right;');
    }
    // The gap between a label and its value is on the label's left, where the value is.
    expect(inner).toContain(
      '<th scope="row" dir="rtl" style="vertical-align:top;font-weight:bold;white-space:nowrap;text-align:right;padding:6px 0 6px 12px;">',
    );
    const fr = compose('confirmed').html;
    expect(fr).toContain(
      '<th scope="row" dir="ltr" style="vertical-align:top;font-weight:bold;white-space:nowrap;text-align:left;padding:6px 12px 6px 0;">',
    );
  });
});

describe('List-Unsubscribe', () => {
  it('is offered for the weekly report only', () => {
    expect(unsubscribeUrl('weekly-report')).toBe('http://localhost:4321/compte#rapport-hebdomadaire');
    expect(unsubscribeUrl('confirmed')).toBeNull();
    expect(unsubscribeUrl('reminder')).toBeNull();
  });
});

describe('titles in the reader language', () => {
  const translated = {
    title: 'Suivre la scolarité avec l’ENT',
    translations: { ar: { title: 'متابعة تمدرس الأبناء عبر الفضاء الرقمي' } },
    trackTitle: 'Suivre la scolarité avec l’ENT',
    trackTranslations: { en: { title: 'Following schooling online' } },
  };
  const composeIn = (language: string, session: Record<string, unknown>) =>
    composeMessage(
      { kind: 'confirmed', language, payload: { ...payload('confirmed', { session: { ...payload('confirmed').session, ...session } }) } },
      { manageUrl: MANAGE, now: NOW },
    );

  it('uses the session own Arabic title, unmarked, and the track English one while the titles agree', () => {
    const ar = composeIn('ar', translated);
    expect(ar.subject).toMatch(/^تأكيد التسجيل: متابعة تمدرس الأبناء عبر الفضاء الرقمي — /);
    expect(ar.html).toContain('<bdi>متابعة تمدرس الأبناء عبر الفضاء الرقمي</bdi>');
    const en = composeIn('en', translated);
    expect(en.subject).toMatch(/^Booking confirmed: Following schooling online — /);
    expect(en.html).toContain('<bdi>Following schooling online</bdi>');
  });

  it('marks only the French fallback lang="fr"', () => {
    const ar = composeIn('ar', { ...translated, translations: {} });
    expect(ar.html).toContain('<bdi lang="fr" dir="ltr">Suivre la scolarité avec l’ENT</bdi>');
    // A session retitled away from its track keeps its own (French) title.
    const en = composeIn('en', { ...translated, title: 'Atelier ENT du samedi' });
    expect(en.subject).toContain('Atelier ENT du samedi');
    expect(en.html).toContain('<bdi lang="fr" dir="ltr">Atelier ENT du samedi</bdi>');
  });
});
