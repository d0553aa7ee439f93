// "Prévenez-moi" requests and their withdrawal links.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { schools } from './places';
import { now } from './shared';

// "Prévenez-moi": a parent asks to be told when a workshop comes at or near their child's
// school, in a language they read. The contact is kept to tell them, and erased when the
// request is withdrawn or expires; the row stays (anonymous demand per school and language).
export const interestRequests = sqliteTable(
  'interest_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolUai: text('school_uai')
      .notNull()
      .references(() => schools.uai, { onDelete: 'cascade' }),
    // The language the workshop must be given in (a session language code).
    language: text('language').notNull(),
    // The language the parent is written to in (fr, ar, en).
    messageLanguage: text('message_language').notNull().default('fr'),
    email: text('email'),
    phone: text('phone'),
    // One live request per person, school and language: the normalised email and phone.
    contactKey: text('contact_key'),
    consentAt: integer('consent_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
    erasedAt: integer('erased_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    check('interest_reachable', sql`${t.erasedAt} is not null or ${t.email} is not null or ${t.phone} is not null`),
    uniqueIndex('interest_live_uq')
      .on(t.schoolUai, t.language, t.contactKey)
      .where(sql`${t.erasedAt} is null`),
    index('interest_school_idx').on(t.schoolUai, t.language, t.expiresAt),
  ],
);

// Withdrawal links of interest requests: one per message sent, only their SHA-256 stored.
export const interestTokens = sqliteTable('interest_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  requestId: integer('request_id')
    .notNull()
    .references(() => interestRequests.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull().default(now),
});
