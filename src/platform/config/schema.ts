// Every environment variable the portal reads (README, "Configuration"), with its default and
// what it accepts. A wrong value is refused with a sentence naming the variable, never
// replaced by the default: RETENTION_DAYS=30d must not quietly mean 180 days.
import { z } from 'zod';
import { smsEnv } from './sms';
import { NO_PROXY, parseTrustProxy, type TrustProxy } from '~/platform/http/proxy-chain';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  // How long an instance waits for its database at start before giving up (non-zero exit).
  databaseWaitSeconds: number;
  // How long a write may keep retrying while another writer holds the database.
  databaseBusyTimeoutMs: number;
  // How many writes one instance sends to a libSQL server at once; the others queue.
  databaseWriteConcurrency: number;
  // How many queued write batches go to a libSQL server as one transaction (1: each alone).
  databaseWriteGroup: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  // SMS_URL (smpp://…) and SMS_FROM, checked in ./sms.
  smsUrl: string | undefined;
  smsFrom: string;
  publicUrl: string;
  demoData: boolean;
  rateLimit: boolean;
  retentionDays: number;
  // Who the privacy notice names as controller and how long the other records last (/confidentialite).
  privacy: PrivacyConfig;
  teacherEmailDomains: string[];
  production: boolean;
  // TRUST_PROXY set (not 0): the portal sits behind reverse proxies that append to
  // X-Forwarded-For and set X-Forwarded-Proto/-Host; `proxy` says how many, or which.
  trustProxy: boolean;
  proxy: TrustProxy;
  // RATE_LIMIT_SECRET: the HMAC key for contacts in rate-limit keys (else one kept in the database).
  rateLimitSecret: string | undefined;
  // SECURITY_CONTACT: the Contact of /.well-known/security.txt (mailto: or https:).
  securityContact: string;
  // BACKGROUND_JOBS=off: this instance serves pages only.
  backgroundJobs: boolean;
  // Hour (Paris time) after which the day-before reminders are queued.
  reminderHour: number;
  outboxPollMs: number;
  schedulerIntervalMs: number;
  // Scheduled backups of an embedded file (README, "Operations"): where, how often, how many kept.
  backupDir: string | undefined;
  backupEveryHours: number;
  backupKeep: number;
  // GET /metrics answers only a request that carries this token (unset: 404).
  metricsToken: string | undefined;
  logLevel: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PrivacyConfig {
  controller: string;
  controllerAddress: string;
  dpoEmail: string;
  // A teacher's account and training record, after the account was last used.
  teacherRetentionDays: number;
  // The audit log (who did what, when).
  auditRetentionDays: number;
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

// One variable: unset or empty means the default; otherwise `parse` must accept the text.
// `accepts` finishes the sentence "NAME must be …"; secrets are not echoed back.
function setting<T>(name: string, accepts: string, parse: (raw: string) => T | undefined, fallback: T, { secret = false } = {}) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback;
      const value = parse(text);
      if (value !== undefined) return value;
      ctx.addIssue({ code: 'custom', message: `${name} must be ${accepts}${secret ? '' : ` (got "${raw}")`}` });
      return z.NEVER;
    });
}

function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string) => (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined);
}

const nonNegativeNumber = (raw: string) => (/^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined);

function oneOf<T>(choices: Record<string, T>) {
  return (raw: string) => (Object.hasOwn(choices, raw.toLowerCase()) ? choices[raw.toLowerCase()] : undefined);
}

function url(protocols: string[]) {
  return (raw: string) => {
    try {
      return protocols.includes(new URL(raw).protocol) ? raw : undefined;
    } catch {
      return undefined;
    }
  };
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;
function domains(raw: string) {
  const list = raw.split(',').map((d) => d.trim().toLowerCase());
  return list.every((d) => DOMAIN.test(d)) ? list : undefined;
}

// DATABASE_URL gets its own sentence: the same one `npm start` gave before there was a schema.
const databaseUrl = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = raw?.trim() || 'file:data/passerelle.db';
    if (/^(file:.+|https?:\/\/.+|libsql:\/\/.+)$/.test(text)) return text;
    ctx.addIssue({
      code: 'custom',
      message: `DATABASE_URL is not a database address (${redact(text)}): use file:path/to.db, http(s)://… or libsql://…`,
    });
    return z.NEVER;
  });

const onOff = oneOf({ on: true, off: false });
const positiveNumber = (raw: string) => (/^\d+(\.\d+)?$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined);
// Printable, no spaces, long enough not to be guessed.
const token = (raw: string) => (/^[\x21-\x7e]{16,}$/.test(raw) ? raw : undefined);

export const envSchema = z
  .object({
    PORT: setting('PORT', 'a port number, a whole number from 1 to 65535', wholeNumber(1, 65_535), 4321),
    HOST: setting('HOST', 'an interface name or address', (raw) => raw, 'localhost'),
    DATABASE_URL: databaseUrl,
    DATABASE_AUTH_TOKEN: setting('DATABASE_AUTH_TOKEN', 'a token', (raw) => raw, undefined as string | undefined, { secret: true }),
    DATABASE_WAIT_SECONDS: setting('DATABASE_WAIT_SECONDS', 'a number of seconds, 0 or more', nonNegativeNumber, 30),
    DATABASE_BUSY_TIMEOUT_MS: setting('DATABASE_BUSY_TIMEOUT_MS', 'a whole number of milliseconds, 0 or more', wholeNumber(0), 5_000),
    DATABASE_WRITE_CONCURRENCY: setting('DATABASE_WRITE_CONCURRENCY', 'a whole number of writes, 1 or more', wholeNumber(1), 2),
    DATABASE_WRITE_GROUP: setting('DATABASE_WRITE_GROUP', 'a whole number of write batches, 1 or more', wholeNumber(1), 16),
    SMTP_URL: setting(
      'SMTP_URL',
      'an smtp:// or smtps:// address (smtp://user:pass@host:port)',
      url(['smtp:', 'smtps:']),
      undefined as string | undefined,
      {
        secret: true,
      },
    ),
    MAIL_FROM: setting('MAIL_FROM', 'a sender address', (raw) => raw, 'Passerelle <passerelle@localhost>'),
    ...smsEnv,
    PUBLIC_URL: setting('PUBLIC_URL', 'an http:// or https:// origin', url(['http:', 'https:']), undefined as string | undefined),
    DEMO_DATA: setting('DEMO_DATA', '1 (load the demo data into an empty database) or 0 (never)', oneOf({ '1': true, '0': false }), true),
    RATE_LIMIT: setting('RATE_LIMIT', 'on or off', onOff, true),
    RETENTION_DAYS: setting('RETENTION_DAYS', 'a whole number of days', wholeNumber(0), 180),
    PRIVACY_CONTROLLER: setting('PRIVACY_CONTROLLER', 'a name', (raw) => raw, 'Ville de Marseille'),
    PRIVACY_CONTROLLER_ADDRESS: setting(
      'PRIVACY_CONTROLLER_ADDRESS',
      'a postal address',
      (raw) => raw,
      'Hôtel de Ville, quai du Port, 13002 Marseille',
    ),
    PRIVACY_DPO_EMAIL: setting(
      'PRIVACY_DPO_EMAIL',
      'an email address',
      (raw) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? raw : undefined),
      'dpo@marseille.fr',
    ),
    TEACHER_RETENTION_DAYS: setting('TEACHER_RETENTION_DAYS', 'a whole number of days', wholeNumber(0), 1095),
    AUDIT_RETENTION_DAYS: setting('AUDIT_RETENTION_DAYS', 'a whole number of days', wholeNumber(0), 365),
    TEACHER_EMAIL_DOMAINS: setting('TEACHER_EMAIL_DOMAINS', 'comma-separated domain names (ac-aix-marseille.fr,ac-nice.fr)', domains, [
      'ac-aix-marseille.fr',
    ]),
    TRUST_PROXY: setting(
      'TRUST_PROXY',
      '1 (behind a reverse proxy that appends to X-Forwarded-For), a number of proxies in a row (2), ' +
        'a comma-separated list of proxy addresses or CIDR ranges (10.0.0.0/8,fd00::/8), or 0',
      parseTrustProxy,
      NO_PROXY,
    ),
    RATE_LIMIT_SECRET: setting(
      'RATE_LIMIT_SECRET',
      'at least 32 characters',
      (raw) => (raw.length >= 32 ? raw : undefined),
      undefined as string | undefined,
      { secret: true },
    ),
    SECURITY_CONTACT: setting(
      'SECURITY_CONTACT',
      'a mailto: or https: address',
      url(['mailto:', 'https:']),
      undefined as string | undefined,
    ),
    BACKGROUND_JOBS: setting('BACKGROUND_JOBS', 'on or off', onOff, true),
    REMINDER_HOUR: setting('REMINDER_HOUR', 'an hour of the day, a whole number from 0 to 23', wholeNumber(0, 23), 10),
    OUTBOX_POLL_MS: setting('OUTBOX_POLL_MS', 'a whole number of milliseconds, 1 or more', wholeNumber(1), 5_000),
    SCHEDULER_INTERVAL_MS: setting('SCHEDULER_INTERVAL_MS', 'a whole number of milliseconds, 1 or more', wholeNumber(1), 60_000),
    BACKUP_DIR: setting('BACKUP_DIR', 'a folder path', (raw) => raw, undefined as string | undefined),
    BACKUP_EVERY_HOURS: setting(
      'BACKUP_EVERY_HOURS',
      'a number of hours greater than 0 (24 for a daily backup)',
      positiveNumber,
      undefined as number | undefined,
    ),
    BACKUP_KEEP: setting('BACKUP_KEEP', 'a whole number of backups to keep, 1 or more', wholeNumber(1), 7),
    METRICS_TOKEN: setting('METRICS_TOKEN', 'at least 16 printable characters without spaces', token, undefined as string | undefined, {
      secret: true,
    }),
    LOG_LEVEL: setting(
      'LOG_LEVEL',
      LOG_LEVELS.join(', ').replace(/, (?=[^,]*$)/, ' or '),
      oneOf(Object.fromEntries(LOG_LEVELS.map((l) => [l, l]))),
      'info' as LogLevel,
    ),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.BACKUP_DIR && !env.DATABASE_URL.startsWith('file:')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'BACKUP_DIR backs up an embedded database file (DATABASE_URL=file:…); a libSQL server takes its own snapshots (README, "Operations")',
      });
    }
    if (env.BACKUP_EVERY_HOURS !== undefined && !env.BACKUP_DIR) {
      ctx.addIssue({ code: 'custom', message: 'BACKUP_EVERY_HOURS needs BACKUP_DIR, the folder the backups go to' });
    }
  })
  .transform((env): Config => ({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    databaseWaitSeconds: env.DATABASE_WAIT_SECONDS,
    databaseBusyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
    databaseWriteConcurrency: env.DATABASE_WRITE_CONCURRENCY,
    databaseWriteGroup: env.DATABASE_WRITE_GROUP,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    smsUrl: env.SMS_URL,
    smsFrom: env.SMS_FROM,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    demoData: env.DEMO_DATA,
    rateLimit: env.RATE_LIMIT,
    retentionDays: env.RETENTION_DAYS,
    privacy: {
      controller: env.PRIVACY_CONTROLLER,
      controllerAddress: env.PRIVACY_CONTROLLER_ADDRESS,
      dpoEmail: env.PRIVACY_DPO_EMAIL,
      teacherRetentionDays: env.TEACHER_RETENTION_DAYS,
      auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    },
    teacherEmailDomains: env.TEACHER_EMAIL_DOMAINS,
    production: env.NODE_ENV === 'production',
    trustProxy: !!(env.TRUST_PROXY.hops || env.TRUST_PROXY.ranges),
    proxy: env.TRUST_PROXY,
    rateLimitSecret: env.RATE_LIMIT_SECRET,
    securityContact: env.SECURITY_CONTACT ?? `mailto:security@${new URL(env.PUBLIC_URL ?? 'http://localhost').hostname}`,
    backgroundJobs: env.BACKGROUND_JOBS,
    reminderHour: env.REMINDER_HOUR,
    outboxPollMs: env.OUTBOX_POLL_MS,
    schedulerIntervalMs: env.SCHEDULER_INTERVAL_MS,
    backupDir: env.BACKUP_DIR,
    backupEveryHours: env.BACKUP_EVERY_HOURS ?? 24,
    backupKeep: env.BACKUP_KEEP,
    metricsToken: env.METRICS_TOKEN,
    logLevel: env.LOG_LEVEL,
  }));

// What stops the server before it listens: one line per wrong variable.
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => issue.message).join('\n'));
}
