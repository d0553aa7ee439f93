// Readiness counts kept per school (db/schema.ts `readiness_trained`, `readiness_parents`): a
// region's every school is read in tens of milliseconds instead of counting a million
// registrations on each read (docs/benchmarks.md, "Session 4 — readiness at scale"). Triggers
// (migration 0017) name the schools a write may change in `readiness_stale`; a read first recounts
// those, and only those, in one write transaction, so two readers never recount half each.
import { inArray } from 'drizzle-orm';
import { readinessParents, readinessStale, readinessTrained, schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { parentsInScope, trainedInScope } from './readiness-queries.server';

function summaryQueries(db: Db) {
  return preparedOnce(db, 'readiness:summary', () => {
    const stale = inArray(schools.uai, db.select({ uai: readinessStale.schoolUai }).from(readinessStale));
    const staleKeys = db.select({ uai: readinessStale.schoolUai }).from(readinessStale);
    return {
      anyStale: db.select({ uai: readinessStale.schoolUai }).from(readinessStale).limit(1).prepare(),
      recount: [
        db.delete(readinessTrained).where(inArray(readinessTrained.schoolUai, staleKeys)),
        db.insert(readinessTrained).select(trainedInScope(db, stale)),
        db.delete(readinessParents).where(inArray(readinessParents.schoolUai, staleKeys)),
        db.insert(readinessParents).select(parentsInScope(db, stale)),
        db.delete(readinessStale),
      ] as const,
    };
  });
}

// Brings the summary up to date with every write committed before this call.
export async function refreshReadinessSummary(db: Db): Promise<void> {
  const queries = summaryQueries(db);
  if (!(await queries.anyStale.get())) return;
  await db.batch(queries.recount);
}
