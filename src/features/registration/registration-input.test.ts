import { describe, expect, it } from 'vitest';
import { parseRegistration, registrationFromForm } from './registration-input';

describe('booking input', () => {
  it('normalises a good booking', () => {
    const r = parseRegistration({
      firstName: '  Amina ',
      lastName: 'Ben  Ali',
      phone: '06 12 34 56 78',
      consent: true,
      schoolUai: '0130001a',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        firstName: 'Amina',
        lastName: 'Ben Ali',
        email: null,
        phone: '+33612345678',
        schoolUai: '0130001A',
        language: 'fr',
        adults: 1,
      },
    });
  });
  it('names every field in error with a translation key', () => {
    const r = parseRegistration({ firstName: '', email: 'nope', adults: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        firstName: 'errors.required',
        lastName: 'errors.required',
        email: 'errors.invalidEmail',
        adults: 'errors.invalidAdults',
        consent: 'errors.consentRequired',
      });
  });
  it('asks for a phone or an email', () => {
    const r = parseRegistration({ firstName: 'A', lastName: 'B', consent: true });
    expect(r.ok ? null : r.errors).toEqual({ phone: 'errors.contactRequired' });
  });
  it('reports a missing contact together with other errors', () => {
    const r = parseRegistration({ firstName: '', lastName: '' });
    expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(['consent', 'firstName', 'lastName', 'phone']);
  });
  it('folds CR and LF into spaces, refuses other control and bidi characters and half a UTF-16 pair', () => {
    const names = (firstName: string) => parseRegistration({ firstName, lastName: 'Benali', phone: '0612345678', consent: true });
    expect(names('Amina\r\nBcc: x@y.fr')).toMatchObject({ ok: true, value: { firstName: 'Amina Bcc: x@y.fr' } });
    for (const bad of ['A\u0000', 'A\u202eB', 'A\ud800', 'A\u0007'])
      expect(names(bad)).toEqual({ ok: false, errors: { firstName: 'errors.invalidCharacters' } });
    expect(names('Zoë 👩‍👧')).toMatchObject({ ok: true, value: { firstName: 'Zoë 👩‍👧' } });
  });
  it('refuses what is not an object', () => {
    expect(parseRegistration([1, 2])).toEqual({ ok: false, errors: { _: 'errors.invalidBody' } });
  });
  it('reads a form post', () => {
    const form = new FormData();
    form.set('firstName', 'Amina');
    form.set('lastName', 'Benali');
    form.set('email', 'a@b.fr');
    form.set('adults', '2');
    form.set('consent', 'on');
    const r = parseRegistration(registrationFromForm(form));
    expect(r.ok && r.value.adults).toBe(2);
  });
});
