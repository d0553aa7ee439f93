// How a text travels as SMS: its alphabet (GSM-7 when every character has a GSM 03.38 code,
// UCS-2 otherwise), how many segments it costs, and the parts of a concatenated SMS. One
// library (sms-segments-calculator) both counts and splits, so the budget the texts are
// tested against is exactly what the transport sends.
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsShape {
  encoding: SmsEncoding;
  segments: number;
  characters: number;
}

export function smsShape(text: string): SmsShape {
  const m = new SegmentedMessage(text);
  return { encoding: m.encodingName, segments: m.segmentsCount, characters: m.numberOfCharacters };
}

// SMPP data_coding: 0 is the SMSC's default alphabet (GSM 03.38 for every European operator),
// 8 is UCS-2.
export function dataCoding(encoding: SmsEncoding): 0 | 8 {
  return encoding === 'GSM-7' ? 0 : 8;
}

// The text of each segment, never cutting a GSM escape pair (€, {, …) or a character made of
// two UTF-16 units: 153 GSM-7 or 67 UCS-2 characters per part once there are several, 160
// or 70 for a single SMS.
export function smsParts(text: string): { encoding: SmsEncoding; parts: string[] } {
  const m = new SegmentedMessage(text);
  // Array.from first: a Segment is an Array subclass whose own map/filter build Segments.
  const parts = m.segments.map((segment) =>
    Array.from(segment as ArrayLike<{ isUserDataHeader?: boolean; raw?: string }>)
      .filter((c) => !c.isUserDataHeader)
      .map((c) => c.raw ?? '')
      .join(''),
  );
  return { encoding: m.encodingName, parts: parts.length ? parts : [''] };
}

// The user data header of part `seq` (1-based) of `total`: one "concatenated short message,
// 8-bit reference" element (IEI 0x00). Phones put together parts with the same reference.
export function concatenationHeader(reference: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, seq]);
}

// GSM-7 cannot say every character: for texts meant to stay GSM-7 (French, English), fold
// what forces UCS-2 to its plain look-alike: typographic quotes and dashes, the ellipsis,
// no-break spaces, and accents GSM lacks (ê → e, ç → c, œ → oe). Accents it has stay.
const LOOK_ALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '\u00b0': 'o',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\u00e7': 'c',
};

const gsmChars = new Map<string, boolean>();
function isGsm(char: string): boolean {
  let known = gsmChars.get(char);
  if (known === undefined) gsmChars.set(char, (known = new SegmentedMessage(char).encodingName === 'GSM-7'));
  return known;
}

export function toGsmText(text: string): string {
  let out = '';
  // French guillemets hold their no-break spaces inside: « Être » → "Être".
  for (const char of text.replace(/\u00ab[\s\u00a0\u202f]*/g, '"').replace(/[\s\u00a0\u202f]*\u00bb/g, '"')) {
    if (isGsm(char)) out += char;
    else if (char in LOOK_ALIKES) out += LOOK_ALIKES[char];
    else {
      const plain = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += plain && [...plain].every(isGsm) ? plain : '?';
    }
  }
  return out;
}
