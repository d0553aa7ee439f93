// Runtime configuration, read once from the environment (DESIGN.md, "Environment").
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
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  demoData: boolean;
  rateLimit: boolean;
  retentionDays: number;
  teacherEmailDomains: string[];
  production: boolean;
  // TRUST_PROXY=1: the portal sits behind a reverse proxy that sets X-Forwarded-For/-Proto.
  trustProxy: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4321);
  return {
    port,
    host: env.HOST ?? 'localhost',
    databaseUrl: env.DATABASE_URL || 'file:data/passerelle.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    databaseWaitSeconds: nonNegative(env.DATABASE_WAIT_SECONDS, 30),
    databaseBusyTimeoutMs: nonNegative(env.DATABASE_BUSY_TIMEOUT_MS, 5_000),
    databaseWriteConcurrency: Math.max(1, nonNegative(env.DATABASE_WRITE_CONCURRENCY, 2)),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Passerelle <passerelle@localhost>',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    demoData: env.DEMO_DATA !== '0',
    rateLimit: env.RATE_LIMIT !== 'off',
    retentionDays: nonNegative(env.RETENTION_DAYS, 180),
    teacherEmailDomains: (env.TEACHER_EMAIL_DOMAINS || 'ac-aix-marseille.fr').split(',').map((d) => d.trim().toLowerCase()),
    production: env.NODE_ENV === 'production',
    trustProxy: env.TRUST_PROXY === '1',
  };
}

function nonNegative(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export const config = readConfig();
