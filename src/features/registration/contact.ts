// Normalised contacts: the identity of a person who books without an account (DESIGN rule 2).

export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254) return null;
  // Deliberately simple: one @, a dot in the domain, no spaces or control characters.
  if (!/^[^\s@<>()\[\]\\,;:"\u0000-\u001f\u007f]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email)) return null;
  return email;
}

// French numbers are written many ways (06 12 34 56 78, +33 6…, 0033 6…); store E.164.
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()\/]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let e164: string;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.startsWith('00')) e164 = `+${compact.slice(2)}`;
  else if (/^0[1-9]\d{8}$/.test(compact)) e164 = `+33${compact.slice(1)}`;
  else return null;
  if (e164.startsWith('+330')) e164 = `+33${e164.slice(4)}`;
  if (e164.startsWith('+33') && !/^\+33[1-9]\d{8}$/.test(e164)) return null;
  if (!/^\+[1-9]\d{7,14}$/.test(e164)) return null;
  return e164;
}

export function formatPhone(e164: string): string {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m.slice(1).join(' ')}` : e164;
}
