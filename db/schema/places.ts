// Who runs trainings and where: organisations, schools and the equipment the city delivers to them.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AUDIENCES, EQUIPMENT_KINDS, inList, now } from './shared';

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
