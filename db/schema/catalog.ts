// Tracks, sessions and their dates, and the IEN approval some teacher tracks require.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { organisations, schools } from './places';
import { registrations } from './registrations';
import { type EquipmentKind, inList, now } from './shared';

// The public texts of a session or a track in the other languages parents read; French is
// the reference, and a text missing here is shown in French (marked as such).
export interface PublicTexts {
  title?: string;
  summary?: string;
  interpreterNote?: string;
  childcareNote?: string;
  accessibilityNote?: string;
}

export type Translations = Partial<Record<'ar' | 'en', PublicTexts>>;

export const tracks = sqliteTable(
  'tracks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    audience: text('audience', { enum: ['parent', 'teacher'] }).notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    // JSON array of EquipmentKind.
    equipmentKinds: text('equipment_kinds', { mode: 'json' })
      .$type<EquipmentKind[]>()
      .notNull()
      .default(sql`'[]'`),
    durationMinutes: integer('duration_minutes').notNull().default(120),
    translations: text('translations', { mode: 'json' })
      .$type<Translations>()
      .notNull()
      .default(sql`'{}'`),
    // The hours a training of this track counts for in a teacher's yearly record; null: the
    // session's own length.
    hours: real('hours'),
    // The official module identifier in GAIA (the academy's training plan), for teacher tracks.
    gaiaModule: text('gaia_module'),
    // A retired track is offered no more; its past sessions and attestations keep it.
    retiredAt: integer('retired_at'),
  },
  (t) => [check('tracks_audience', inList('audience', ['parent', 'teacher'])), check('tracks_duration', sql`${t.durationMinutes} > 0`)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trackId: integer('track_id').references(() => tracks.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    trainerId: integer('trainer_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    audience: text('audience', { enum: ['parent', 'teacher'] }).notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    venueName: text('venue_name').notNull(),
    venueAddress: text('venue_address').notNull().default(''),
    schoolUai: text('school_uai').references(() => schools.uai, { onDelete: 'set null' }),
    capacity: integer('capacity').notNull(),
    // JSON array of language codes the session is run in (e.g. ["fr","ar"]).
    languages: text('languages', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'["fr"]'`),
    interpreterNote: text('interpreter_note').notNull().default(''),
    childcareNote: text('childcare_note').notNull().default(''),
    accessibilityNote: text('accessibility_note').notNull().default(''),
    translations: text('translations', { mode: 'json' })
      .$type<Translations>()
      .notNull()
      .default(sql`'{}'`),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    cancelReason: text('cancel_reason'),
    // Grows with every change attendees must hear about (reschedule, move, cancel).
    changeCount: integer('change_count').notNull().default(0),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    check('sessions_audience', inList('audience', ['parent', 'teacher'])),
    check('sessions_status', inList('status', ['scheduled', 'cancelled'])),
    check('sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('sessions_capacity', sql`${t.capacity} between 0 and 10000`),
    index('sessions_starts_idx').on(t.audience, t.status, t.startsAt),
    index('sessions_school_idx').on(t.schoolUai),
    index('sessions_org_idx').on(t.organisationId, t.startsAt),
  ],
);

// A course ("parcours"): a session held over several dates and booked once. A session with
// rows here is a course; `sessions.starts_at`/`ends_at` then span its first start to its last
// end. A session without rows is a single date, as before.
export const sessionDates = sqliteTable(
  'session_dates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    cancelReason: text('cancel_reason'),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    check('session_dates_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('session_dates_status', inList('status', ['scheduled', 'cancelled'])),
    index('session_dates_session_idx').on(t.sessionId, t.startsAt),
  ],
);

// Teacher tracks whose sessions in school time need the inspector's (IEN) approval (a
// substitute must be found): the approver's address.
export const trackApprovers = sqliteTable('track_approvers', {
  trackId: integer('track_id')
    .primaryKey()
    .references(() => tracks.id, { onDelete: 'cascade' }),
  approverEmail: text('approver_email').notNull(),
});

export const APPROVAL_STATUSES = ['pending', 'approved', 'refused'] as const;

// A teacher's request to attend a session that needs approval. It holds no seat: the seat is
// taken (or a waitlist place) when the approver says yes, by the ordinary booking.
export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    approverEmail: text('approver_email').notNull(),
    // The one-time link's SHA-256; cleared once used.
    tokenHash: text('token_hash').unique(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull().default('pending'),
    registrationId: integer('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    check('approval_requests_status', inList('status', APPROVAL_STATUSES)),
    uniqueIndex('approval_requests_live_uq')
      .on(t.sessionId, t.userId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
