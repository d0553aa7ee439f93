import { describe, expect, it } from 'vitest';
import { formatPhone, normaliseEmail, normalisePhone } from './contact';

describe('email', () => {
  it('trims and lower-cases', () => expect(normaliseEmail('  Amina.B@Exemple.FR ')).toBe('amina.b@exemple.fr'));
  it.each(['a@b', 'no-at.fr', 'a b@c.fr', 'a@b..fr', 'x@y.fr\r\nBcc: z@w.fr', `${'a'.repeat(250)}@b.fr`])('refuses %j', (v) =>
    expect(normaliseEmail(v)).toBeNull(),
  );
});

describe('phone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['04 91 00 00 00', '+33491000000'],
    ['+213 551 23 45 67', '+213551234567'],
  ])('%s → %s', (input, e164) => expect(normalisePhone(input)).toBe(e164));
  it.each(['12', '06 12 34 56', '+33 6 12 34 56 78 9', 'abc', '00 12', '+3361234567a'])('refuses %j', (v) =>
    expect(normalisePhone(v)).toBeNull(),
  );
  it('prints French numbers the French way', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+213551234567')).toBe('+213551234567');
  });
});
