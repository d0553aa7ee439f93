// Schools' equipment rollouts: what city staff record by hand, and what an imported file
// would change (preview) and then changes (apply, in one write, nothing when nothing differs).
import { and, eq, sql } from 'drizzle-orm';
import { equipmentRollouts, schools, type EquipmentKind } from '~db/schema';
import { utcToParisLocal } from '~/platform/text/dates';
import type { RolloutFields } from './rollout-fields';
import { parseRolloutFile, planImport, type ImportPlan, type StoredRollout } from './rollout-import';
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

// What importing this file would do now, against the schools and rollouts on record.
export async function previewRolloutImport(db: Db, text: string, now = Date.now()): Promise<ImportPlan> {
  const [known, stored] = await Promise.all([allSchools(db, 0), listRollouts(db)]);
  return planImport(parseRolloutFile(text), known, stored, utcToParisLocal(now).date);
}

export interface AppliedImport {
  plan: ImportPlan;
  written: number;
}

// The plan is made again at apply time, so what is written matches the database as it is.
export async function applyRolloutImport(
  db: Db,
  actor: Actor,
  text: string,
  { fileName = '' } = {},
  now = Date.now(),
): Promise<AppliedImport> {
  const plan = await previewRolloutImport(db, text, now);
  const changes = plan.rollouts.filter((r) => r.action !== 'unchanged');
  if (!changes.length) return { plan, written: 0 };
  const source = plan.format === 'mdm' ? 'import:inventory' : 'import:csv';
  const imported = auditStatement(db, actor, 'rollouts.imported', 'equipment_rollouts', null, {
    fileName: fileName.slice(0, 200),
    format: plan.format,
    ...plan.counts,
    unknownPlaces: plan.unknown.length,
    badRows: plan.problems.length,
  });
  await db.batch([imported, ...changes.map((r) => upsertStatement(db, r.uai, r, source, now))]);
  return { plan, written: changes.length };
}
