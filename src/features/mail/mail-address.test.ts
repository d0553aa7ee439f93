import { describe, expect, it } from 'vitest';
import { displayName, headerSafe, parseMailbox } from './mail-address';

describe('header values', () => {
  it('cannot carry a line break', () => {
    expect(headerSafe('Atelier\r\nBcc: x@example.fr')).toBe('Atelier Bcc: x@example.fr');
    expect(headerSafe('a\u2028b\u0000c')).toBe('a b c');
    expect(headerSafe('x'.repeat(300)).length).toBe(200);
  });

  it('reads MAIL_FROM with or without a display name', () => {
    expect(parseMailbox('Passerelle <passerelle@marseille.fr>')).toEqual({ name: 'Passerelle', address: 'passerelle@marseille.fr' });
    expect(parseMailbox('"Ville de Marseille" <no-reply@marseille.fr>')).toEqual({
      name: 'Ville de Marseille',
      address: 'no-reply@marseille.fr',
    });
    expect(parseMailbox('no-reply@marseille.fr')).toEqual({ name: null, address: 'no-reply@marseille.fr' });
  });

  it('builds a display name from what is known', () => {
    expect(displayName('Amina', 'Benali')).toBe('Amina Benali');
    expect(displayName(null, null)).toBeNull();
  });
});
