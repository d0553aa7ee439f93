import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './schema';

const refusal = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('configuration', () => {
  it('gives the README defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      port: 4321,
      host: 'localhost',
      databaseUrl: 'file:data/passerelle.db',
      databaseAuthToken: undefined,
      databaseWaitSeconds: 30,
      databaseBusyTimeoutMs: 5000,
      databaseWriteConcurrency: 2,
      databaseWriteGroup: 16,
      smtpUrl: undefined,
      mailFrom: 'Passerelle <passerelle@localhost>',
      smsUrl: undefined,
      smsFrom: 'Passerelle',
      publicUrl: 'http://localhost:4321',
      demoData: true,
      rateLimit: true,
      retentionDays: 180,
      privacy: {
        controller: 'Ville de Marseille',
        controllerAddress: 'Hôtel de Ville, quai du Port, 13002 Marseille',
        dpoEmail: 'dpo@marseille.fr',
        teacherRetentionDays: 1095,
        auditRetentionDays: 365,
      },
      teacherEmailDomains: ['ac-aix-marseille.fr'],
      production: false,
      trustProxy: false,
      proxy: { hops: 0 },
      rateLimitSecret: undefined,
      securityContact: 'mailto:security@localhost',
      backgroundJobs: true,
      reminderHour: 10,
      outboxPollMs: 5000,
      schedulerIntervalMs: 60000,
      backupDir: undefined,
      backupEveryHours: 24,
      backupKeep: 7,
      metricsToken: undefined,
      logLevel: 'info',
    });
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ SMTP_URL: '', DATABASE_URL: '', PORT: '' })).toMatchObject({
      smtpUrl: undefined,
      databaseUrl: 'file:data/passerelle.db',
      port: 4321,
    });
  });

  it('reads every documented value', () => {
    const c = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'libsql://region.turso.io',
      DATABASE_AUTH_TOKEN: 'secret',
      DATABASE_WAIT_SECONDS: '0.5',
      DATABASE_BUSY_TIMEOUT_MS: '0',
      DATABASE_WRITE_CONCURRENCY: '4',
      SMTP_URL: 'smtp://user:pass@mail.example:2525',
      MAIL_FROM: 'Ville <ville@example.fr>',
      SMS_URL: 'smpp://passerel:pw@smsc.example:2775',
      SMS_FROM: 'Ville13',
      PUBLIC_URL: 'https://passerelle.example.fr//',
      DEMO_DATA: '0',
      RATE_LIMIT: 'off',
      RETENTION_DAYS: '30',
      PRIVACY_CONTROLLER: 'Métropole Aix-Marseille',
      PRIVACY_CONTROLLER_ADDRESS: '58 bd Charles Livon, 13007 Marseille',
      PRIVACY_DPO_EMAIL: 'dpo@ampmetropole.fr',
      TEACHER_RETENTION_DAYS: '730',
      AUDIT_RETENTION_DAYS: '90',
      TEACHER_EMAIL_DOMAINS: 'ac-aix-marseille.fr, AC-Nice.fr',
      TRUST_PROXY: '1',
      BACKGROUND_JOBS: 'off',
      REMINDER_HOUR: '0',
      OUTBOX_POLL_MS: '100',
      SCHEDULER_INTERVAL_MS: '250',
      NODE_ENV: 'production',
    });
    expect(c).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'libsql://region.turso.io',
      databaseAuthToken: 'secret',
      databaseWaitSeconds: 0.5,
      databaseBusyTimeoutMs: 0,
      databaseWriteConcurrency: 4,
      databaseWriteGroup: 16,
      smtpUrl: 'smtp://user:pass@mail.example:2525',
      mailFrom: 'Ville <ville@example.fr>',
      smsUrl: 'smpp://passerel:pw@smsc.example:2775',
      smsFrom: 'Ville13',
      publicUrl: 'https://passerelle.example.fr',
      demoData: false,
      rateLimit: false,
      retentionDays: 30,
      privacy: {
        controller: 'Métropole Aix-Marseille',
        controllerAddress: '58 bd Charles Livon, 13007 Marseille',
        dpoEmail: 'dpo@ampmetropole.fr',
        teacherRetentionDays: 730,
        auditRetentionDays: 90,
      },
      teacherEmailDomains: ['ac-aix-marseille.fr', 'ac-nice.fr'],
      production: true,
      trustProxy: true,
      proxy: { hops: 1 },
      rateLimitSecret: undefined,
      securityContact: 'mailto:security@passerelle.example.fr',
      backgroundJobs: false,
      reminderHour: 0,
      outboxPollMs: 100,
      schedulerIntervalMs: 250,
      backupDir: undefined,
      backupEveryHours: 24,
      backupKeep: 7,
      metricsToken: undefined,
      logLevel: 'info',
    });
    expect(parseConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(parseConfig({ TRUST_PROXY: '0', RATE_LIMIT: 'ON' })).toMatchObject({ trustProxy: false, rateLimit: true });
  });

  it.each([
    [{ RETENTION_DAYS: '30d' }, 'RETENTION_DAYS must be a whole number of days (got "30d")'],
    [{ RETENTION_DAYS: '-1' }, 'RETENTION_DAYS must be a whole number of days'],
    [{ AUDIT_RETENTION_DAYS: 'a year' }, 'AUDIT_RETENTION_DAYS must be a whole number of days'],
    [{ PRIVACY_DPO_EMAIL: 'dpo' }, 'PRIVACY_DPO_EMAIL must be an email address'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY must be 1 (behind a reverse proxy'],
    [{ PORT: 'abc' }, 'PORT must be a port number'],
    [{ PORT: '70000' }, 'PORT must be a port number'],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA must be 1'],
    [{ RATE_LIMIT: '0' }, 'RATE_LIMIT must be on or off'],
    [{ BACKGROUND_JOBS: 'false' }, 'BACKGROUND_JOBS must be on or off'],
    [{ REMINDER_HOUR: '24' }, 'REMINDER_HOUR must be an hour of the day'],
    [{ OUTBOX_POLL_MS: '0' }, 'OUTBOX_POLL_MS must be a whole number of milliseconds, 1 or more'],
    [{ SCHEDULER_INTERVAL_MS: '1m' }, 'SCHEDULER_INTERVAL_MS must be a whole number of milliseconds'],
    [{ DATABASE_WRITE_CONCURRENCY: '0' }, 'DATABASE_WRITE_CONCURRENCY must be a whole number of writes, 1 or more'],
    [{ DATABASE_BUSY_TIMEOUT_MS: '5s' }, 'DATABASE_BUSY_TIMEOUT_MS must be a whole number of milliseconds'],
    [{ DATABASE_WAIT_SECONDS: 'forever' }, 'DATABASE_WAIT_SECONDS must be a number of seconds'],
    [{ PUBLIC_URL: 'passerelle.example.fr' }, 'PUBLIC_URL must be an http:// or https:// origin'],
    [{ TEACHER_EMAIL_DOMAINS: 'ac-aix-marseille.fr,,' }, 'TEACHER_EMAIL_DOMAINS must be comma-separated domain names'],
    [
      { DATABASE_URL: 'postgres://127.0.0.1/passerelle' },
      'DATABASE_URL is not a database address (postgres://127.0.0.1/passerelle): use file:',
    ],
  ])('refuses %o', (env, message) => {
    expect(refusal(env)).toContain(message);
  });

  it('reads the operations settings', () => {
    const env = {
      BACKUP_DIR: '/var/backups/passerelle',
      BACKUP_EVERY_HOURS: '6',
      BACKUP_KEEP: '14',
      METRICS_TOKEN: 'a-long-scrape-token-1234',
      LOG_LEVEL: 'WARN',
    };
    expect(parseConfig(env)).toMatchObject({
      backupDir: '/var/backups/passerelle',
      backupEveryHours: 6,
      backupKeep: 14,
      metricsToken: 'a-long-scrape-token-1234',
      logLevel: 'warn',
    });
    expect(parseConfig({ BACKUP_DIR: 'backups', BACKUP_EVERY_HOURS: '0.5' }).backupEveryHours).toBe(0.5);
  });

  it.each([
    [{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP must be a whole number of backups to keep, 1 or more'],
    [{ BACKUP_DIR: 'b', BACKUP_EVERY_HOURS: '0' }, 'BACKUP_EVERY_HOURS must be a number of hours greater than 0'],
    [{ BACKUP_EVERY_HOURS: '12' }, 'BACKUP_EVERY_HOURS needs BACKUP_DIR'],
    [{ BACKUP_DIR: 'b', DATABASE_URL: 'http://127.0.0.1:8080' }, 'BACKUP_DIR backs up an embedded database file'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "verbose")'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 printable characters without spaces'],
  ])('refuses the operations setting %o', (env, message) => {
    expect(refusal(env)).toContain(message);
    expect(refusal(env)).not.toContain('short"');
  });

  it('names every wrong variable, and never echoes a secret', () => {
    const message = refusal({ PORT: 'abc', RETENTION_DAYS: '30d', SMTP_URL: 'http://user:hunter2@mail' });
    expect(message.split('\n')).toHaveLength(3);
    expect(message).toMatch(/^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/m);
    expect(message).not.toContain('hunter2');
    expect(refusal({ DATABASE_URL: 'postgres://admin:hunter2@db/x' })).not.toContain('hunter2');
  });
});
