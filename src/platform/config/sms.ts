// SMS_URL and SMS_FROM: where SMS leave (an SMPP 3.4 account at an aggregator or operator)
// and the sender shown on the phone. Checked at start, so a typo stops the server with a
// message naming the variable instead of failing on the first SMS.
import { z } from 'zod';

export interface SmppAccount {
  tls: boolean;
  host: string;
  port: number;
  systemId: string;
  password: string;
}

export class SmsConfigError extends Error {}

const SHAPE = 'smpp://SYSTEM_ID:PASSWORD@HOST:PORT (or ssmpp:// for TLS)';

// Throws SmsConfigError naming SMS_URL, without echoing the password.
export function parseSmsUrl(value: string): SmppAccount {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmsConfigError(`SMS_URL is not a URL; expected ${SHAPE}`);
  }
  const tls = url.protocol === 'ssmpp:';
  if (!tls && url.protocol !== 'smpp:')
    throw new SmsConfigError(`SMS_URL must start with smpp:// or ssmpp://, not ${url.protocol}//; expected ${SHAPE}`);
  if (!url.hostname) throw new SmsConfigError(`SMS_URL has no host; expected ${SHAPE}`);
  const systemId = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  // SMPP 3.4 limits: system_id 15 octets, password 8 (most providers follow them).
  if (!systemId || systemId.length > 15) throw new SmsConfigError(`SMS_URL needs a SYSTEM_ID of 1 to 15 characters; expected ${SHAPE}`);
  if (!password || password.length > 8) throw new SmsConfigError(`SMS_URL needs a PASSWORD of 1 to 8 characters; expected ${SHAPE}`);
  if ((url.pathname && url.pathname !== '/') || url.search) throw new SmsConfigError(`SMS_URL takes no path or query; expected ${SHAPE}`);
  return { tls, host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : tls ? 3550 : 2775, systemId, password };
}

// An alphanumeric sender id (at most 11 GSM letters and digits, at least one letter), a
// short code, or an international number (+…).
export function checkSmsFrom(value: string): string {
  if (/^\+[1-9]\d{6,14}$/.test(value) || /^\d{3,8}$/.test(value)) return value;
  if (/^[A-Za-z0-9 .\-_&]{1,11}$/.test(value) && /[A-Za-z]/.test(value)) return value;
  throw new SmsConfigError(
    `SMS_FROM must be a sender name of at most 11 letters or digits (e.g. Passerelle), a short code, or a +number; got "${value}"`,
  );
}

// The two variables for the config schema (schema.ts): unset SMS_URL means SMS are held in
// the outbox, as mail is without SMTP_URL.
function checked<T>(check: (raw: string) => T, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback;
      try {
        return check(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
}

export const smsEnv = {
  SMS_URL: checked((raw): string | undefined => (parseSmsUrl(raw), raw), undefined),
  SMS_FROM: checked(checkSmsFrom, 'Passerelle'),
};
