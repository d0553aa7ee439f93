import { describe, expect, it } from 'vitest';
import { parseConfig } from './schema';
import { checkSmsFrom, parseSmsUrl } from './sms';

describe('SMS_URL', () => {
  it('reads an SMPP account', () => {
    expect(parseSmsUrl('smpp://passerelle:s%40cret@smsc.example.fr:2775')).toEqual({
      tls: false,
      host: 'smsc.example.fr',
      port: 2775,
      systemId: 'passerelle',
      password: 's@cret',
    });
    expect(parseSmsUrl('ssmpp://id:pw@smsc.example.fr')).toMatchObject({ tls: true, port: 3550 });
    expect(parseSmsUrl('smpp://id:pw@127.0.0.1')).toMatchObject({ port: 2775 });
  });

  it.each([
    ['smsc.example.fr', /SMS_URL is not a URL/],
    ['http://id:pw@smsc.example.fr', /SMS_URL must start with smpp:\/\//],
    ['smpp://smsc.example.fr:2775', /SMS_URL needs a SYSTEM_ID/],
    ['smpp://id@smsc.example.fr:2775', /SMS_URL needs a PASSWORD/],
    ['smpp://id:muchtoolongpassword@smsc.example.fr', /SMS_URL needs a PASSWORD of 1 to 8/],
    ['smpp://id:pw@smsc.example.fr/path', /SMS_URL takes no path/],
  ])('stops the server on %j, naming SMS_URL', (url, message) => {
    expect(() => parseConfig({ SMS_URL: url })).toThrow(message);
  });

  it('never repeats the password in its errors', () => {
    expect(() => parseSmsUrl('http://id:hunter2@x')).toThrow(expect.not.objectContaining({ message: expect.stringContaining('hunter2') }));
  });

  it('is optional; SMS_FROM defaults to Passerelle', () => {
    expect(parseConfig({})).toMatchObject({ smsUrl: undefined, smsFrom: 'Passerelle' });
    expect(parseConfig({ SMS_URL: 'smpp://id:pw@h:1', SMS_FROM: 'Ecoles13' })).toMatchObject({
      smsUrl: 'smpp://id:pw@h:1',
      smsFrom: 'Ecoles13',
    });
  });
});

describe('SMS_FROM', () => {
  it.each(['Passerelle', 'Ville 13', '+33612345678', '38000'])('accepts %j', (from) => expect(checkSmsFrom(from)).toBe(from));
  it.each(['PasserelleMarseille', '12', 'Écoles', ''])('refuses %j, naming SMS_FROM', (from) =>
    expect(() => checkSmsFrom(from)).toThrow(/SMS_FROM/),
  );
});
