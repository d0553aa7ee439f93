// Teachers' attestations of training.
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { now } from './shared';

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
