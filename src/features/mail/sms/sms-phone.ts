// Whether a stored number can receive an SMS: a mobile line (or a country, like the US, whose
// numbers do not say). A landline (04 91 …) cannot, so its owner must be called instead.
// The "max" metadata knows number types; it is only loaded on the server.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export function canReceiveSms(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
