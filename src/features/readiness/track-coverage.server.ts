// The equipment kinds the offered (not retired) teacher tracks train for.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { tracks } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export async function kindsWithTrack(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ kind: sql<string>`kinds.value` })
    .from(tracks)
    .innerJoin(sql`json_each(${tracks.equipmentKinds}) as kinds`, sql`true`)
    .where(and(eq(tracks.audience, 'teacher'), isNull(tracks.retiredAt)));
  return new Set(rows.map((r) => r.kind));
}
