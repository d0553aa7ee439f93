// Addresses and header values for outgoing mail. Anything that reaches a header goes through
// `headerSafe`, so a name with CR/LF in it can never add headers (header injection).

export interface Mailbox {
  name: string | null;
  address: string;
}

// Control characters, including CR and LF, become spaces; runs of spaces collapse.
export function headerSafe(value: string, maxLength = 200): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
}

// `Passerelle <passerelle@example.fr>` or a bare address, as MAIL_FROM is written.
export function parseMailbox(value: string): Mailbox {
  const clean = headerSafe(value, 320);
  const m = /^"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>$/.exec(clean);
  if (m) return { name: m[1]!.trim() || null, address: m[2]! };
  return { name: null, address: clean };
}

export function displayName(firstName: string | null, lastName: string | null): string | null {
  const name = headerSafe([firstName, lastName].filter(Boolean).join(' '), 120);
  return name || null;
}
