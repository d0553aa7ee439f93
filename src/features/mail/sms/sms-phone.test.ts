import { expect, it } from 'vitest';
import { canReceiveSms } from './sms-phone';

it('texts mobiles, not landlines', () => {
  expect(canReceiveSms('+33612345678')).toBe(true);
  expect(canReceiveSms('+33781234567')).toBe(true);
  expect(canReceiveSms('+213551234567')).toBe(true);
  expect(canReceiveSms('+33491000000')).toBe(false);
  expect(canReceiveSms('+33123456789')).toBe(false);
  expect(canReceiveSms('not a number')).toBe(false);
});
