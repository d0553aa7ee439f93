// Schools' equipment rollouts: what city staff record by hand, and what an imported file
// would change (preview) and then changes (apply, in one write, nothing when nothing differs).
import { and, eq, sql } from 'drizzle-orm';
import { equipmentRollouts, rolloutImports, schools, type EquipmentKind } from '~db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import type { RolloutFields } from './rollout-fields';
import {
  parseRolloutFile,
  planImport,
  rolloutKey,
  type ImportMode,
  type ImportPlan,
  type PlannedRollout,
  type StoredRollout,
} from './rollout-import';
import { rememberedBuildings } from './building-memory.server';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { allSchools } from '~/features/schools/schools.server';

export async function listRollouts(db: Db, uai?: string): Promise<StoredRollout[]> {
  return db
    .select({
      uai: equipmentRollouts.schoolUai,
      kind: equipmentRollouts.kind,
      quantity: equipmentRollouts.quantity,
      plannedOn: equipmentRollouts.plannedOn,
      deliveredOn: equipmentRollouts.deliveredOn,
    })
    .from(equipmentRollouts)
    .where(uai ? eq(equipmentRollouts.schoolUai, uai) : undefined)
    .orderBy(equipmentRollouts.schoolUai, equipmentRollouts.kind);
}

// A line written as given: added, or replacing the school's line of that kind.
function upsertStatement(db: Db, uai: string, r: RolloutFields | StoredRollout, source: string, now: number) {
  const line = { quantity: r.quantity, plannedOn: r.plannedOn, deliveredOn: r.deliveredOn, source, updatedAt: now };
  return db
    .insert(equipmentRollouts)
    .values({ schoolUai: uai, kind: r.kind, ...line })
    .onConflictDoUpdate({
      target: [equipmentRollouts.schoolUai, equipmentRollouts.kind],
      set: {
        quantity: sql`excluded.quantity`,
        plannedOn: sql`excluded.planned_on`,
        deliveredOn: sql`excluded.delivered_on`,
        source: sql`excluded.source`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export async function saveRollout(db: Db, actor: Actor, uai: string, fields: RolloutFields, now = Date.now()): Promise<boolean> {
  const school = await db.select({ uai: schools.uai }).from(schools).where(eq(schools.uai, uai)).get();
  if (!school) return false;
  const [before] = (await listRollouts(db, uai)).filter((r) => r.kind === fields.kind);
  await db.batch([
    upsertStatement(db, uai, fields, 'manual', now),
    auditStatement(db, actor, 'rollout.saved', 'school', uai, { kind: fields.kind, before: before ?? null, after: fields }),
  ]);
  return true;
}

export async function deleteRollout(db: Db, actor: Actor, uai: string, kind: EquipmentKind): Promise<boolean> {
  const [before] = (await listRollouts(db, uai)).filter((r) => r.kind === kind);
  if (!before) return false;
  await db.batch([
    db.delete(equipmentRollouts).where(and(eq(equipmentRollouts.schoolUai, uai), eq(equipmentRollouts.kind, kind))),
    auditStatement(db, actor, 'rollout.deleted', 'school', uai, { kind, before }),
  ]);
  return true;
}

// What importing this file would do now, against the schools, rollouts and remembered
// buildings on record.
export async function previewRolloutImport(db: Db, text: string, now = Date.now(), mode: ImportMode = 'replace'): Promise<ImportPlan> {
  const [known, stored, buildings] = await Promise.all([allSchools(db, 0), listRollouts(db), rememberedBuildings(db)]);
  return planImport(parseRolloutFile(text), known, stored, utcToParisLocal(now).date, { mode, buildings });
}

export interface AppliedImport {
  plan: ImportPlan;
  written: number;
  // Lines that would drop a count, left as they were for want of confirmation.
  held: PlannedRollout[];
  importId: number | null;
}

export interface ApplyOptions {
  fileName?: string;
  mode?: ImportMode;
  // Which guarded drops were confirmed: every one ('all', the CLI's --allow-drops) or some, by `uai|kind`.
  allowDrops?: 'all' | Set<string>;
}

const confirmed = (r: PlannedRollout, allow: ApplyOptions['allowDrops']) =>
  !r.guard || allow === 'all' || (allow instanceof Set && allow.has(rolloutKey(r)));

const values = (r: StoredRollout) => ({ quantity: r.quantity, plannedOn: r.plannedOn, deliveredOn: r.deliveredOn });

// The plan is made again at apply time, so what is written matches the database as it is.
export async function applyRolloutImport(
  db: Db,
  actor: Actor,
  text: string,
  { fileName = '', mode = 'replace', allowDrops }: ApplyOptions = {},
  now = Date.now(),
): Promise<AppliedImport> {
  const plan = await previewRolloutImport(db, text, now, mode);
  const pending = plan.rollouts.filter((r) => r.action !== 'unchanged');
  const changes = pending.filter((r) => confirmed(r, allowDrops));
  const held = pending.filter((r) => !confirmed(r, allowDrops));
  if (!changes.length) return { plan, written: 0, held, importId: null };
  const source = plan.format === 'mdm' ? 'import:inventory' : 'import:csv';
  const imported = auditStatement(db, actor, 'rollouts.imported', 'equipment_rollouts', null, {
    fileName: fileName.slice(0, 200),
    format: plan.format,
    ...plan.counts,
    unknownPlaces: plan.unknown.length,
    badRows: plan.problems.length,
  });
  // Written right after the audit row, so last_insert_rowid() is that row's id.
  const record = db
    .insert(rolloutImports)
    .values({
      auditId: sql`last_insert_rowid()`,
      createdAt: now,
      createdBy: actor.userId ?? null,
      fileName: fileName.slice(0, 200),
      format: plan.format,
      mode,
      changes: changes.map((r) => ({ uai: r.uai, kind: r.kind, before: r.before && values(r.before), after: { ...values(r), source } })),
    })
    .returning({ id: rolloutImports.id });
  const [, [row]] = await db.batch([imported, record, ...changes.map((r) => upsertStatement(db, r.uai, r, source, now))]);
  return { plan, written: changes.length, held, importId: row?.id ?? null };
}
