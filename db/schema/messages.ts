// The outbox (email and SMS), the parts of sent SMS and who each change had to reach.
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { sessions } from './catalog';
import { registrations } from './registrations';
import { inList, now } from './shared';

// `delivered`: an SMS whose every part the phone network confirmed (a delivery receipt); a
// receipt saying a part never arrived makes the row `failed`.
export const OUTBOX_STATUSES = ['pending', 'held', 'sending', 'sent', 'delivered', 'failed'] as const;

export const OUTBOX_CHANNELS = ['email', 'sms'] as const;

export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

// Transactional outbox: rows are written in the same write as the change they announce, one
// row per channel (an email and an SMS for a person who gave both).
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    registrationId: integer('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    // An email address, or an E.164 phone number for an SMS.
    recipient: text('recipient').notNull(),
    language: text('language').notNull().default('fr'),
    // Snapshot of what the message says, taken at the time of the change.
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(now),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull().default(now),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull().default('email'),
    // The registration's `last_op` when queued: the change this message tells of (see notices).
    op: text('op'),
    // What an SMS cost, once sent.
    segments: integer('segments'),
  },
  (t) => [
    check('outbox_status', inList('status', OUTBOX_STATUSES)),
    check('outbox_channel', inList('channel', OUTBOX_CHANNELS)),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_registration_idx').on(t.registrationId, t.op),
  ],
);

// The parts of a sent SMS, as the SMSC numbered them: delivery receipts come per part, on
// whichever instance the SMSC picks, sometimes before the sender has recorded the parts
// (`outbox_id` is then filled in when it does).
export const smsParts = sqliteTable(
  'sms_parts',
  {
    partId: text('part_id').primaryKey(),
    outboxId: integer('outbox_id').references(() => outbox.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['sent', 'delivered', 'failed'] })
      .notNull()
      .default('sent'),
    error: text('error'),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [check('sms_parts_status', inList('status', ['sent', 'delivered', 'failed'])), index('sms_parts_outbox_idx').on(t.outboxId)],
);

// People a change had to reach (a session moved or cancelled, a promotion, a trainer's
// message), one row per person and change, whether or not they left a contact: the trainer's
// call list is those of them no message reached; `called_at` is the trainer's tick.
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    op: text('op').notNull(),
    kind: text('kind').notNull(),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id),
    createdAt: integer('created_at').notNull().default(now),
    calledAt: integer('called_at'),
    calledBy: integer('called_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('notices_op_registration_uq').on(t.op, t.registrationId), index('notices_session_idx').on(t.sessionId, t.createdAt)],
);
