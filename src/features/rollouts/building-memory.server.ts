// Buildings of a device-management inventory that staff tied to a school once ("Bât. A
// Belsunce" → 0130001A), so the next inventory from the same building needs no editing.
import { eq } from 'drizzle-orm';
import { buildingSchools, schools } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { fold } from './rollout-fields';

export async function rememberedBuildings(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ building: buildingSchools.building, uai: buildingSchools.schoolUai }).from(buildingSchools);
  return new Map(rows.map((r) => [r.building, r.uai]));
}

// False when the school does not exist or the name folds to nothing.
export async function rememberBuilding(db: Db, actor: Actor, label: string, uai: string, now = Date.now()): Promise<boolean> {
  const building = fold(label);
  const school = await db.select({ uai: schools.uai }).from(schools).where(eq(schools.uai, uai)).get();
  if (!building || !school) return false;
  await db.batch([
    db
      .insert(buildingSchools)
      .values({ building, label: label.slice(0, 200), schoolUai: uai, createdAt: now, createdBy: actor.userId ?? null })
      .onConflictDoUpdate({ target: buildingSchools.building, set: { schoolUai: uai, label: label.slice(0, 200), createdAt: now } }),
    auditStatement(db, actor, 'rollouts.building-remembered', 'school', uai, { building: label.slice(0, 200) }),
  ]);
  return true;
}
