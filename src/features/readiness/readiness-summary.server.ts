// Readiness counts kept per school (db/schema.ts `readiness_trained`, `readiness_parents`): a
// region's every school is read in tens of milliseconds instead of counting a million
// registrations on each read (docs/benchmarks.md, "Session 4 — readiness at scale"). Triggers
// (migration 0017) name the schools a write may change in `readiness_stale`; a read first recounts
// those, and only those, a few hundred schools per write transaction: after a bulk load (or the
// migration that made every school stale) a region's 10,000 schools take seconds to recount, and
// bookings must not wait that long for the write lock.
import { inArray } from 'drizzle-orm';
import { readinessParents, readinessStale, readinessTrained, schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { preparedOnce } from '~/platform/db/prepared';
import { parentsInScope, trainedInScope } from './readiness-queries.server';

const CHUNK = 250;

function summaryQueries(db: Db) {
  return preparedOnce(db, 'readiness:summary', () => {
    // The same first CHUNK stale schools in every statement of the transaction (nothing else
    // writes readiness_stale while it holds the lock).
    const staleKeys = () =>
      db.select({ uai: readinessStale.schoolUai }).from(readinessStale).orderBy(readinessStale.schoolUai).limit(CHUNK);
    const stale = inArray(schools.uai, staleKeys());
    return {
      anyStale: db.select({ uai: readinessStale.schoolUai }).from(readinessStale).limit(1).prepare(),
      recount: [
        db.delete(readinessTrained).where(inArray(readinessTrained.schoolUai, staleKeys())),
        db.insert(readinessTrained).select(trainedInScope(db, stale)),
        db.delete(readinessParents).where(inArray(readinessParents.schoolUai, staleKeys())),
        db.insert(readinessParents).select(parentsInScope(db, stale)),
        db.delete(readinessStale).where(inArray(readinessStale.schoolUai, staleKeys())),
      ] as const,
    };
  });
}

// Brings the summary up to date with every write committed before this call.
export async function refreshReadinessSummary(db: Db): Promise<void> {
  const queries = summaryQueries(db);
  while (await queries.anyStale.get()) await db.batch(queries.recount);
}
