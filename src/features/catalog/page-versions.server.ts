// The counters the database keeps for the cached public pages (db/schema.ts, page_versions):
// one cheap indexed read per request tells whether a cached page is still what a render would give.
import { inArray, sql } from 'drizzle-orm';
import { pageVersions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';

export const CATALOG_SCOPE = 0;
// Texts every session page may show: tracks, organisations, schools.
export const SHARED_TEXTS_SCOPE = -1;

// Counters only grow, so their sum grows whenever any of them does.
function versionOf(db: Db) {
  return preparedOnce(db, 'page-versions', () =>
    db
      .select({ version: sql<number>`coalesce(sum(${pageVersions.version}), 0)` })
      .from(pageVersions)
      .where(inArray(pageVersions.scope, [sql.placeholder('a'), sql.placeholder('b')]))
      .prepare(),
  );
}

export async function pageVersion(db: Db, scopes: readonly [number] | readonly [number, number]): Promise<number> {
  const [row] = await versionOf(db).execute({ a: scopes[0], b: scopes[1] ?? scopes[0] });
  return Number(row?.version ?? 0);
}
