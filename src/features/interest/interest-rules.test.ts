import { describe, expect, it } from 'vitest';
import { contactKey, interestPath, parseInterest, schoolsNear } from './interest-rules';

describe('parseInterest', () => {
  it('normalises the contact and the school, and writes to the parent in the language they read when the mail has it', () => {
    const parsed = parseInterest({ schoolUai: '0130001a', phone: '06 12 34 56 78', language: 'ar', consent: true });
    expect(parsed).toEqual({
      ok: true,
      value: { schoolUai: '0130001A', email: null, phone: '+33612345678', language: 'ar', messageLanguage: 'ar' },
    });
    const turkish = parseInterest({ schoolUai: '0130001A', email: 'A@B.fr', language: 'tr', messageLanguage: 'fr', consent: true });
    expect(turkish.ok && turkish.value).toMatchObject({ email: 'a@b.fr', language: 'tr', messageLanguage: 'fr' });
  });

  it('reports every field at once', () => {
    const parsed = parseInterest({ schoolUai: '', email: 'nope', language: 'klingon' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual({
        schoolUai: 'interest.errors.schoolRequired',
        email: 'errors.invalidEmail',
        language: 'errors.invalidLanguage',
        consent: 'interest.errors.consentRequired',
      });
    expect(parseInterest({ schoolUai: '0130001A', language: 'fr', consent: true })).toEqual({
      ok: false,
      errors: { phone: 'errors.contactRequired' },
    });
    expect(parseInterest([])).toEqual({ ok: false, errors: { _: 'errors.invalidBody' } });
  });
});

describe('schoolsNear', () => {
  const belsunce = { uai: 'A', arrondissement: 1, latitude: 43.299, longitude: 5.378 };
  const schools = [
    belsunce,
    { uai: 'same-arrondissement-far', arrondissement: 1, latitude: 43.335, longitude: 5.378 },
    { uai: 'next-door', arrondissement: 2, latitude: 43.2985, longitude: 5.368 },
    { uai: 'far', arrondissement: 13, latitude: 43.356, longitude: 5.437 },
    { uai: 'unplaced', arrondissement: 3, latitude: null, longitude: null },
  ];
  it('takes the school itself, its arrondissement and what lies within 2 km', () => {
    expect(schoolsNear(belsunce, schools)).toEqual(['A', 'same-arrondissement-far', 'next-door']);
  });
  it('falls back on the arrondissement when the venue has no coordinates', () => {
    expect(schoolsNear({ ...belsunce, latitude: null }, schools)).toEqual(['A', 'same-arrondissement-far']);
  });
});

it('names a person by both contacts and links to the form with what is known', () => {
  expect(contactKey('a@b.fr', '+33612345678')).toBe('a@b.fr +33612345678');
  expect(interestPath('ar', { uai: '0130001A', language: 'ar' })).toBe('/ar/prevenez-moi?uai=0130001A&langue=ar');
  expect(interestPath('fr')).toBe('/prevenez-moi');
});
