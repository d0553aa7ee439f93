// Undoing an applied equipment import from its record: every line it changed goes back to what
// it was (or away, if the import added it), unless someone changed that line since, in which
// case it is left as it is now and reported. One write, audited; an import is undone once.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { equipmentRollouts, rolloutImports, type EquipmentKind, type RolloutValues } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { listRollouts } from './rollouts.server';

export interface ImportRecord {
  id: number;
  auditId: number | null;
  createdAt: number;
  fileName: string;
  format: string | null;
  mode: string;
  lines: number;
  undoneAt: number | null;
}

export async function recentImports(db: Db, limit = 10): Promise<ImportRecord[]> {
  return db
    .select({
      id: rolloutImports.id,
      auditId: rolloutImports.auditId,
      createdAt: rolloutImports.createdAt,
      fileName: rolloutImports.fileName,
      format: rolloutImports.format,
      mode: rolloutImports.mode,
      lines: sql<number>`json_array_length(${rolloutImports.changes})`,
      undoneAt: rolloutImports.undoneAt,
    })
    .from(rolloutImports)
    .orderBy(desc(rolloutImports.id))
    .limit(limit);
}

const same = (a: RolloutValues, b: RolloutValues) =>
  a.quantity === b.quantity && a.plannedOn === b.plannedOn && a.deliveredOn === b.deliveredOn;

export type UndoOutcome =
  { ok: true; restored: number; keptChanged: { uai: string; kind: string }[] } | { ok: false; reason: 'notFound' | 'undone' };

export async function undoRolloutImport(db: Db, actor: Actor, importId: number, now = Date.now()): Promise<UndoOutcome> {
  const record = await db.select().from(rolloutImports).where(eq(rolloutImports.id, importId)).get();
  if (!record) return { ok: false, reason: 'notFound' };
  if (record.undoneAt !== null) return { ok: false, reason: 'undone' };
  const current = new Map((await listRollouts(db)).map((r) => [`${r.uai}|${r.kind}`, r]));
  const writes = [];
  const keptChanged: { uai: string; kind: string }[] = [];
  for (const c of record.changes) {
    const now_ = current.get(`${c.uai}|${c.kind}`);
    if (!now_ || !same(now_, c.after)) {
      keptChanged.push({ uai: c.uai, kind: c.kind });
      continue;
    }
    const where = and(eq(equipmentRollouts.schoolUai, c.uai), eq(equipmentRollouts.kind, c.kind as EquipmentKind));
    writes.push(
      c.before
        ? db
            .update(equipmentRollouts)
            .set({
              quantity: c.before.quantity,
              plannedOn: c.before.plannedOn,
              deliveredOn: c.before.deliveredOn,
              source: 'import:undone',
              updatedAt: now,
            })
            .where(where)
        : db.delete(equipmentRollouts).where(where),
    );
  }
  const [marked] = await db.batch([
    db
      .update(rolloutImports)
      .set({ undoneAt: now, undoneBy: actor.userId ?? null })
      .where(and(eq(rolloutImports.id, importId), isNull(rolloutImports.undoneAt))),
    auditStatement(db, actor, 'rollouts.import-undone', 'equipment_rollouts', record.auditId, {
      importId,
      restored: writes.length,
      keptChanged: keptChanged.length,
    }),
    ...writes,
  ]);
  if (marked.rowsAffected !== 1) return { ok: false, reason: 'undone' };
  return { ok: true, restored: writes.length, keptChanged };
}
