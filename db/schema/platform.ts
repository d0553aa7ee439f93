// The audit log, rate limits, page versions, job leases and shared secrets.
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { now } from './shared';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull().default(now),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    // 'user', 'manage-link', 'anonymous', 'system'
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_at_idx').on(t.at)],
);

// Fixed-window counters shared by every instance.
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

// What the cached public pages show changes only when one of these counters grows. SQLite
// triggers (migration 0009_page_version_triggers) bump them in the same write as the change,
// so every instance on one database sees a booking before its next page. Scope 0: the
// catalog (any session, seat or shared text); -1: texts shared by sessions (tracks,
// organisations, schools); a session id: that session's page.
export const pageVersions = sqliteTable('page_versions', {
  scope: integer('scope').primaryKey(),
  version: integer('version').notNull().default(0),
});

// Leases for background jobs, so one instance at a time runs each.
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  leaseUntil: integer('lease_until').notNull(),
});

// Jobs that must run once per period (weekly report, reminders of a day).
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    ranAt: integer('ran_at').notNull().default(now),
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

// Secrets the portal makes for itself once and every instance shares (the rate-limit HMAC key).
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: blob('value', { mode: 'buffer' }).notNull(),
});
