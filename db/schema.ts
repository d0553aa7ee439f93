// The whole data model of Passerelle. Times are UTC epoch milliseconds; calendar dates
// (rollout planned/delivered) are ISO `YYYY-MM-DD` strings in Paris local time.
import { newCalendarUid } from '../src/platform/text/tokens';
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const EQUIPMENT_KINDS = ['interactive-display', 'classroom-computer', 'tablet', 'teacher-laptop', 'projector'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

// A coordinator does what a trainer does, on every session of their organisation.
export const ROLES = ['teacher', 'trainer', 'coordinator', 'drane', 'city', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const AUDIENCES = ['parent', 'teacher'] as const;

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  // Whom the organisation trains (the Ligue parents, the Drane teachers); null: anyone.
  // No CHECK: it would make drizzle-kit rebuild the table, and the code only writes AUDIENCES.
  audience: text('audience', { enum: AUDIENCES }),
});

export const schools = sqliteTable(
  'schools',
  {
    uai: text('uai').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['nursery', 'elementary', 'primary'] }).notNull(),
    arrondissement: integer('arrondissement').notNull(),
    address: text('address').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    city: text('city').notNull().default('Marseille'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    classes: integer('classes').notNull().default(0),
    pupils: integer('pupils').notNull().default(0),
    teachers: integer('teachers').notNull().default(0),
    // The school's own address from the national directory (`Mail`): how the Drane reaches
    // teachers who have no account.
    contactEmail: text('contact_email'),
    // The directory's appartenance_education_prioritaire: 'REP', 'REP+', or null (neither).
    priorityEducation: text('priority_education').$type<'REP' | 'REP+' | null>(),
  },
  (t) => [
    check('schools_uai_format', sql`length(${t.uai}) = 8`),
    check('schools_kind', inList('kind', ['nursery', 'elementary', 'primary'])),
    check('schools_arrondissement', sql`${t.arrondissement} between 1 and 16`),
    check('schools_counts', sql`${t.classes} >= 0 and ${t.pupils} >= 0 and ${t.teachers} >= 0`),
    index('schools_arrondissement_idx').on(t.arrondissement),
    index('schools_name_idx').on(t.name),
  ],
);

export const equipmentRollouts = sqliteTable(
  'equipment_rollouts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolUai: text('school_uai')
      .notNull()
      .references(() => schools.uai, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EQUIPMENT_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
    plannedOn: text('planned_on'),
    deliveredOn: text('delivered_on'),
    source: text('source').notNull().default('manual'),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    check('rollouts_kind', inList('kind', EQUIPMENT_KINDS)),
    check('rollouts_quantity', sql`${t.quantity} >= 0`),
    check('rollouts_dated', sql`${t.plannedOn} is not null or ${t.deliveredOn} is not null`),
    uniqueIndex('rollouts_school_kind_uq').on(t.schoolUai, t.kind),
  ],
);

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

export const ATTENDANCE_STATUSES = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const attendance = sqliteTable('attendance', {
  registrationId: integer('registration_id')
    .primaryKey()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  present: integer('present', { mode: 'boolean' }).notNull(),
  markedAt: integer('marked_at').notNull().default(now),
  markedBy: integer('marked_by').references(() => users.id, { onDelete: 'set null' }),
  // What happened, finer than `present` (which readiness counts): present or late when
  // present, excused or absent when not. Older rows and bare inserts read through
  // `attendanceStatusOf`. No CHECK: it would make drizzle-kit rebuild the table.
  status: text('status', { enum: ATTENDANCE_STATUSES }).notNull().default('present'),
});

// Marks sent from the door page (offline ones later, in a batch) carry a random key: a key
// seen once is never applied again, so a mark resent after a lost answer counts once.
export const attendanceKeys = sqliteTable('attendance_keys', {
  key: text('key').primaryKey(),
  registrationId: integer('registration_id')
    .notNull()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull().default(now),
});

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

export const weeklyReports = sqliteTable('weekly_reports', {
  isoWeek: text('iso_week').primaryKey(),
  createdAt: integer('created_at').notNull().default(now),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});

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
// Secrets the portal makes for itself once and every instance shares (the rate-limit HMAC key).
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: blob('value', { mode: 'buffer' }).notNull(),
});

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

// Attestations of training: one per attended training or per teacher and school year (with
// the hours it states), minted the first time it is downloaded or sent. `code` is the public
// verification code (/attestation/<code>), 128 random bits; `snapshot` is what it says.
export interface AttestationSnapshot {
  teacher: string;
  school: string | null;
  issuer: string;
  schoolYear: string;
  hours: number;
  trainings: {
    registrationId: number;
    sessionId: number;
    title: string;
    startsAt: number;
    endsAt: number;
    hours: number;
    gaiaModule: string | null;
  }[];
}

export const attestations = sqliteTable(
  'attestations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // 'registration:<id>' for one training, 'year:<2026-2027>:<hours>' for a school year.
    subject: text('subject').notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<AttestationSnapshot>().notNull(),
    revokedAt: integer('revoked_at'),
    // Why Drane staff or an admin revoked it (shown to the teacher), and who did (a user id, kept as the audit log keeps it).
    revokedReason: text('revoked_reason'),
    revokedBy: integer('revoked_by'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('attestations_user_subject_uq').on(t.userId, t.subject)],
);
// Follow-ups written during the weekly Drane–city meeting (what, who, by when): each is shown
// in every weekly report from the week it was written until the week it was closed.
export const reportFollowUps = sqliteTable(
  'report_follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    isoWeek: text('iso_week').notNull(),
    what: text('what').notNull(),
    who: text('who').notNull().default(''),
    dueOn: text('due_on'),
    createdAt: integer('created_at').notNull().default(now),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    closedWeek: text('closed_week'),
    closedAt: integer('closed_at'),
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('report_follow_ups_week_idx').on(t.isoWeek, t.closedWeek)],
);

// A device-management building name staff tied to a school once, so later inventories
// from the same building match it without editing the export.
export const buildingSchools = sqliteTable('building_schools', {
  // The building as folded for matching (case, accents and punctuation ignored).
  building: text('building').primaryKey(),
  label: text('label').notNull(),
  schoolUai: text('school_uai')
    .notNull()
    .references(() => schools.uai, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull().default(now),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
});

// Each applied equipment import, with every line it changed (before and after), so it can be
// undone from its audit entry (`audit_id`, the `rollouts.imported` row written with it).
export const rolloutImports = sqliteTable('rollout_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  auditId: integer('audit_id'),
  createdAt: integer('created_at').notNull().default(now),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  fileName: text('file_name').notNull().default(''),
  format: text('format'),
  mode: text('mode').notNull().default('replace'),
  changes: text('changes', { mode: 'json' })
    .$type<{ uai: string; kind: string; before: RolloutValues | null; after: RolloutValues }[]>()
    .notNull(),
  undoneAt: integer('undone_at'),
  undoneBy: integer('undone_by').references(() => users.id, { onDelete: 'set null' }),
});

export interface RolloutValues {
  quantity: number;
  plannedOn: string | null;
  deliveredOn: string | null;
  source?: string;
}

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

// Attendance per date of a course (the registration's `attendance` row says whether the
// person came at all: present at one date or more).
export const dateAttendance = sqliteTable(
  'date_attendance',
  {
    registrationId: integer('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    dateId: integer('date_id')
      .notNull()
      .references(() => sessionDates.id, { onDelete: 'cascade' }),
    present: integer('present', { mode: 'boolean' }).notNull(),
    markedAt: integer('marked_at').notNull().default(now),
    markedBy: integer('marked_by').references(() => users.id, { onDelete: 'set null' }),
    // As on `attendance`: present or late when present, excused or absent when not (rows
    // written before it read through `attendanceStatusOf`). No CHECK, so no table rebuild.
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull().default('present'),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.dateId] })],
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

// Readiness per school, kept for region-wide reads (src/features/readiness/readiness-summary.server.ts):
// trained teachers per school and kind, distinct parents who came per school. Triggers on every
// table the counts read (migration 0017) put a school in `readiness_stale` when a write changes
// what it would count; the next readiness read recounts those schools, and only those.
export const readinessTrained = sqliteTable(
  'readiness_trained',
  {
    schoolUai: text('school_uai').notNull(),
    kind: text('kind').notNull(),
    trained: integer('trained').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolUai, t.kind] })],
);

export const readinessParents = sqliteTable('readiness_parents', {
  schoolUai: text('school_uai').primaryKey(),
  parents: integer('parents').notNull(),
});

export const readinessStale = sqliteTable('readiness_stale', {
  schoolUai: text('school_uai').primaryKey(),
});
