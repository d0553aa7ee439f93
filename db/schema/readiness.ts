// Weekly reports, follow-ups, equipment imports and the per-school readiness counts.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { schools } from './places';
import { now } from './shared';

export const weeklyReports = sqliteTable('weekly_reports', {
  isoWeek: text('iso_week').primaryKey(),
  createdAt: integer('created_at').notNull().default(now),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});

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
