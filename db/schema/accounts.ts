// Staff and teacher accounts, their sign-in sessions, emailed links and two-factor codes.
import { blob, check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations, schools } from './places';
import { ROLES, inList, now } from './shared';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    schoolUai: text('school_uai').references(() => schools.uai, { onDelete: 'set null' }),
    passwordHash: text('password_hash'),
    emailVerifiedAt: integer('email_verified_at'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    calendarFeedTokenHash: text('calendar_feed_token_hash').unique(),
    // Drane and city staff get the weekly report by email unless they turned it off
    // (the List-Unsubscribe of that email leads to the account page where it is turned off).
    weeklyReport: integer('weekly_report', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull().default(now),
    // The last sign-in: a teacher's record is erased TEACHER_RETENTION_DAYS after their last
    // activity (privacy/teacher-retention.server.ts). Null for accounts never signed in since.
    lastSeenAt: integer('last_seen_at'),
  },
  (t) => [check('users_role', inList('role', ROLES)), index('users_school_idx').on(t.schoolUai, t.role)],
);

// Lucia-style sessions: the cookie carries `<id>.<secret>`; only SHA-256(secret) is stored.
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastVerifiedAt: integer('last_verified_at').notNull(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

// Single-use emailed links: email confirmation, password reset, staff invitation.
export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify-email', 'reset-password', 'invite'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  () => [check('user_tokens_purpose', inList('purpose', ['verify-email', 'reset-password', 'invite']))],
);

// A staff account's TOTP authenticator. `enabledAt` is null while enrolment waits for a first
// code; `lastStep` is the last time step used, so one code never opens two sessions.
export const userTotp = sqliteTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  key: blob('key', { mode: 'buffer' }).notNull(),
  enabledAt: integer('enabled_at'),
  lastStep: integer('last_step').notNull().default(0),
});

// Recovery codes, shown once at enrolment; only their SHA-256 is kept (they are random, 50 bits).
export const userRecoveryCodes = sqliteTable(
  'user_recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('user_recovery_codes_user_idx').on(t.userId)],
);
