// Schools' equipment rollouts: what city staff record by hand, and what an imported file
// would change (preview) and then changes (apply, in one write, nothing when nothing differs).
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import { utcToParisLocal } from '~/platform/text/dates';
import type { RolloutFields } from './rollout-fields';
import { parseRolloutFile, planImport, type ImportPlan, type StoredRollout } from './rollout-import';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { allSchools } from '~/features/schools/schools.server';

export async function listRollouts(db: Db, uai?: string): Promise<StoredRollout[]> {
  const rs = await db.$client.execute({
    sql: `select school_uai, kind, quantity, planned_on, delivered_on from equipment_rollouts
          ${uai ? 'where school_uai = ?' : ''} order by school_uai, kind`,
    args: uai ? [uai] : [],
  });
  return rs.rows.map((r) => ({
    uai: String(r.school_uai),
    kind: String(r.kind),
    quantity: Number(r.quantity),
    plannedOn: (r.planned_on as string | null) ?? null,
    deliveredOn: (r.delivered_on as string | null) ?? null,
  }));
}

function upsertStatement(uai: string, r: RolloutFields | StoredRollout, source: string, now: number): InStatement {
  return {
    sql: `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on, source, updated_at)
          values (?, ?, ?, ?, ?, ?, ?)
          on conflict (school_uai, kind) do update set quantity = excluded.quantity, planned_on = excluded.planned_on,
            delivered_on = excluded.delivered_on, source = excluded.source, updated_at = excluded.updated_at`,
    args: [uai, r.kind, r.quantity, r.plannedOn, r.deliveredOn, source, now],
  };
}

export async function saveRollout(db: Db, actor: Actor, uai: string, fields: RolloutFields, now = Date.now()): Promise<boolean> {
  const school = await db.$client.execute({ sql: 'select 1 from schools where uai = ?', args: [uai] });
  if (!school.rows.length) return false;
  const [before] = (await listRollouts(db, uai)).filter((r) => r.kind === fields.kind);
  await db.$client.batch([
    upsertStatement(uai, fields, 'manual', now),
    asStatement(auditStatement(db, actor, 'rollout.saved', 'school', uai, { kind: fields.kind, before: before ?? null, after: fields })),
  ], 'write');
  return true;
}

export async function deleteRollout(db: Db, actor: Actor, uai: string, kind: string): Promise<boolean> {
  const [before] = (await listRollouts(db, uai)).filter((r) => r.kind === kind);
  if (!before) return false;
  await db.$client.batch([
    { sql: 'delete from equipment_rollouts where school_uai = ? and kind = ?', args: [uai, kind] },
    asStatement(auditStatement(db, actor, 'rollout.deleted', 'school', uai, { kind, before })),
  ], 'write');
  return true;
}

// What importing this file would do now, against the schools and rollouts on record.
export async function previewRolloutImport(db: Db, text: string, now = Date.now()): Promise<ImportPlan> {
  const [schools, stored] = await Promise.all([allSchools(db, 0), listRollouts(db)]);
  return planImport(parseRolloutFile(text), schools, stored, utcToParisLocal(now).date);
}

export interface AppliedImport {
  plan: ImportPlan;
  written: number;
}

// The plan is made again at apply time, so what is written matches the database as it is.
export async function applyRolloutImport(db: Db, actor: Actor, text: string, { fileName = '' } = {}, now = Date.now()): Promise<AppliedImport> {
  const plan = await previewRolloutImport(db, text, now);
  const changes = plan.rollouts.filter((r) => r.action !== 'unchanged');
  if (!changes.length) return { plan, written: 0 };
  const source = plan.format === 'mdm' ? 'import:inventory' : 'import:csv';
  await db.$client.batch([
    ...changes.map((r) => upsertStatement(r.uai, r, source, now)),
    asStatement(auditStatement(db, actor, 'rollouts.imported', 'equipment_rollouts', null, {
      fileName: fileName.slice(0, 200),
      format: plan.format,
      ...plan.counts,
      unknownPlaces: plan.unknown.length,
      badRows: plan.problems.length,
    })),
  ], 'write');
  return { plan, written: changes.length };
}
