// Personal data has a lifetime (DESIGN rule 6): RETENTION_DAYS after a parents' workshop
// ended, its bookings lose their names, contacts and links (those erased earlier through their
// own manage link lose the links they kept); the anonymous rows stay for the counts. A daily scheduler job (one instance at a time, by lease); running it again erases
// nothing twice, and it works in chunks so no single write holds the database for long.
import { audit, newOp, SYSTEM } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { erasureStatements } from './erasure.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 500;

export async function eraseExpiredBookings(db: Db, now: number, retentionDays = config.retentionDays): Promise<number> {
  const endedBefore = now - retentionDays * DAY_MS;
  let erased = 0;
  for (;;) {
    const op = newOp();
    const [marked] = await db.$client.batch(
      [
        {
          sql: `update registrations set last_op = ? where id in (
                  select r.id from registrations r join sessions s on s.id = r.session_id
                  where s.audience = 'parent' and s.ends_at <= ?
                    and (r.erased_at is null or r.manage_token_hash is not null
                      or exists (select 1 from manage_tokens m where m.registration_id = r.id))
                  limit ?)`,
          args: [op, endedBefore, CHUNK],
        },
        ...erasureStatements(db, op, now),
      ],
      'write',
    );
    erased += marked!.rowsAffected;
    if (marked!.rowsAffected < CHUNK) break;
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
