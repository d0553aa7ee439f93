import { expect, it } from 'vitest';
import { canReceiveSms } from './sms-phone';

it('texts mobiles and numbers of unknown type, not landlines or service numbers', () => {
  expect(canReceiveSms('+33612345678')).toBe(true);
  expect(canReceiveSms('+33781234567')).toBe(true);
  expect(canReceiveSms('+213551234567')).toBe(true);
  // The demo's phones (06 39 98, a range kept for fiction) are not in the metadata.
  expect(canReceiveSms('+33639981234')).toBe(true);
  expect(canReceiveSms('+33491000000')).toBe(false);
  expect(canReceiveSms('+33199001234')).toBe(false);
  expect(canReceiveSms('+33970000000')).toBe(false);
  expect(canReceiveSms('+33800123456')).toBe(false);
  expect(canReceiveSms('not a number')).toBe(false);
});
