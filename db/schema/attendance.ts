// Attendance at the door: per session, per date of a course, and the keys that make a mark count once.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { sessionDates } from './catalog';
import { registrations } from './registrations';
import { now } from './shared';

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
