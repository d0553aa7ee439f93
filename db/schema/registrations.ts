// Bookings (one row per person and session) and their extra manage links.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { newCalendarUid } from '../../src/platform/text/tokens';
import { users } from './accounts';
import { sessions } from './catalog';
import { schools } from './places';
import { inList, now } from './shared';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;

export interface RegistrationNeeds {
  // The ages of the children to look after during the workshop, as the parent wrote them.
  childcare?: string;
  // The language an interpreter should speak.
  interpreter?: string;
  accessibility?: string;
}

export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    // Arrival order on the waitlist (ties broken by id).
    queuedAt: integer('queued_at').notNull().default(now),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    childSchoolUai: text('child_school_uai').references(() => schools.uai, { onDelete: 'set null' }),
    language: text('language').notNull().default('fr'),
    adults: integer('adults').notNull().default(1),
    // What the family asked for (childcare with the children's ages, an interpreter, access);
    // personal data, erased with the name.
    needs: text('needs', { mode: 'json' }).$type<RegistrationNeeds>(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    manageTokenHash: text('manage_token_hash').unique(),
    code: text('code').notNull().unique(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    // Every invite sent for this registration takes the next number (RFC 5545 SEQUENCE).
    inviteSequence: integer('invite_sequence').notNull().default(0),
    // The random part of the UID of this registration's invites (DESIGN rule 4): no id or
    // host in it, so a restored database or a new PUBLIC_URL never matches events already in
    // calendars. Null only for rows that had invites before it existed (they keep theirs).
    calendarUid: text('calendar_uid').$defaultFn(newCalendarUid),
    // Marks the rows one write changed, so later statements of the same batch can find them
    // (to queue their messages and audit entries) without an interactive transaction.
    lastOp: text('last_op'),
    consentAt: integer('consent_at'),
    // The privacy notice version the person saw when booking (null: booked by staff on their behalf).
    consentVersion: text('consent_version'),
    cancelledAt: integer('cancelled_at'),
    erasedAt: integer('erased_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    check('registrations_status', inList('status', REGISTRATION_STATUSES)),
    check('registrations_adults', sql`${t.adults} between 1 and 2`),
    check(
      'registrations_reachable',
      sql`${t.erasedAt} is not null or ${t.email} is not null or ${t.phone} is not null or ${t.userId} is not null or ${t.createdBy} is not null`,
    ),
    // Idempotent booking: one live registration per person and session.
    uniqueIndex('registrations_email_uq')
      .on(t.sessionId, t.email)
      .where(sql`${t.email} is not null and ${t.status} <> 'cancelled'`),
    uniqueIndex('registrations_phone_uq')
      .on(t.sessionId, t.phone)
      .where(sql`${t.phone} is not null and ${t.status} <> 'cancelled'`),
    uniqueIndex('registrations_user_uq')
      .on(t.sessionId, t.userId)
      .where(sql`${t.userId} is not null and ${t.status} <> 'cancelled'`),
    // Covers seat sums and waitlist order without touching the table.
    index('registrations_session_status_idx').on(t.sessionId, t.status, t.queuedAt, t.adults),
    // Partial: most bookings have neither (a parent has no account and may name no school),
    // and every such row would add an entry to each index (a WAL page per booking, each).
    index('registrations_user_idx')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
    index('registrations_child_school_idx')
      .on(t.childSchoolUai)
      .where(sql`${t.childSchoolUai} is not null`),
    index('registrations_last_op_idx').on(t.lastOp),
  ],
);

// Extra manage links minted when an email is sent (the first one lives on the registration).
export const manageTokens = sqliteTable('manage_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  registrationId: integer('registration_id')
    .notNull()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull().default(now),
});
