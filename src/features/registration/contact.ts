// Normalised contacts: the identity of a person who books without an account (DESIGN rule 2).
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254) return null;
  // Deliberately simple: one @, a dot in the domain, no spaces or control characters.
  if (!/^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email)) return null;
  return email;
}

// Numbers are written many ways (06 12 34 56 78, +33 6…, 0033 6…, +213 5…); libphonenumber
// reads them (French when there is no country code) and checks they can exist; we store E.164.
// Only what a phone number is made of: "06… appelez le soir" is not a number.
export function normalisePhone(input: string): string | null {
  if (!/^[\d\s.\-()/+]+$/.test(input.trim())) return null;
  const phone = parsePhoneNumberFromString(input, 'FR');
  return phone?.isValid() ? phone.number : null;
}

export function formatPhone(e164: string): string {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m.slice(1).join(' ')}` : e164;
}
