// Values and helpers every part of the schema uses.
import { sql } from 'drizzle-orm';

export const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const EQUIPMENT_KINDS = ['interactive-display', 'classroom-computer', 'tablet', 'teacher-laptop', 'projector'] as const;

export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

// A coordinator does what a trainer does, on every session of their organisation.
export const ROLES = ['teacher', 'trainer', 'coordinator', 'drane', 'city', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const AUDIENCES = ['parent', 'teacher'] as const;
