// Secrets handed to people (manage links, feed URLs, emailed links) and short booking codes.
// Secrets are 160-bit random, base32; only their SHA-256 is stored.
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export function generateSecret(size = 20): string {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

// node:crypto's native SHA-256: the pure-JS one cost a booking ≈4 % of its CPU (issue 16).
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

// No 0/O, 1/I/L: a code must survive being read aloud at a school gate.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateBookingCode(length = 6): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  // 256 % 31 bias is under 1% per character: acceptable for a lookup code, not a secret.
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function formatBookingCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

// Accepts what people type: lower case, spaces, dashes.
export function normaliseBookingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

// A registration's calendar UID (before "@passerelle"): 128 random bits, so a restored database
// or another PUBLIC_URL never collides with events already in people's calendars.
export function newCalendarUid(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return encodeHexLowerCase(bytes);
}
