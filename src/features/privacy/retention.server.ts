// Personal data has a lifetime (DESIGN rule 6): RETENTION_DAYS after a parents' workshop
// ended, its bookings lose their names, contacts and links (those erased earlier through their
// own manage link lose the links they kept); the anonymous rows stay for the counts. A daily scheduler job (one instance at a time, by lease); running it again erases
// nothing twice, and it works in chunks so no single write holds the database for long.
import { and, eq, exists, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { manageTokens, registrations, sessions } from '~db/schema';
import { audit, newOp, SYSTEM } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { erasureStatements } from './erasure.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 500;

// Up to CHUNK bookings of parents' workshops ended before `endedBefore` that still hold
// something to erase: a name or contact, or a manage link.
function expiredChunk(db: Db, endedBefore: number) {
  const r = alias(registrations, 'r');
  const links = db
    .select({ one: sql`1` })
    .from(manageTokens)
    .where(eq(manageTokens.registrationId, r.id));
  return db
    .select({ id: r.id })
    .from(r)
    .innerJoin(sessions, eq(sessions.id, r.sessionId))
    .where(
      and(
        eq(sessions.audience, 'parent'),
        lte(sessions.endsAt, endedBefore),
        or(isNull(r.erasedAt), isNotNull(r.manageTokenHash), exists(links)),
      ),
    )
    .limit(CHUNK);
}

export async function eraseExpiredBookings(db: Db, now: number, retentionDays = config.retentionDays): Promise<number> {
  const endedBefore = now - retentionDays * DAY_MS;
  let erased = 0;
  for (;;) {
    const op = newOp();
    const [marked] = await db.batch([
      db
        .update(registrations)
        .set({ lastOp: op })
        .where(inArray(registrations.id, expiredChunk(db, endedBefore))),
      ...erasureStatements(db, op, now),
    ]);
    erased += marked.rowsAffected;
    if (marked.rowsAffected < CHUNK) break;
  }
  if (erased) await audit(db, SYSTEM, 'personal-data.retention', 'registration', null, { erased, retentionDays });
  return erased;
}

export function retentionJob(retentionDays = config.retentionDays): ScheduledJob {
  return {
    name: 'retention',
    period: (now) => new Date(now).toISOString().slice(0, 10),
    run: async (db, _period, now) => ({ erased: await eraseExpiredBookings(db, now, retentionDays) }),
  };
}
