// Reading back a row this instance has just written. On a sqld replica a read goes to the
// replica's copy, which applies the primary's log a few milliseconds later: a read right after
// a write missed it 16 times in 100 on this machine (lag median 9 ms, up to 110 ms). A
// transaction that writes is forwarded to the primary, which always has it: the read goes
// behind a write that changes nothing (a read-only transaction, even BEGIN IMMEDIATE, stays
// on the replica). On an embedded file a miss is final, so only a server pays the second look.
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { appSecrets } from '~db/schema';
import type { Db } from './db.server';

// `query` read where every write has landed: the primary of a sqld replica, or the file itself.
export async function fromPrimary<T>(db: Db, query: () => BatchItem<'sqlite'>): Promise<T[]> {
  // A select builder runs when awaited.
  if (db.$client.protocol === 'file') return await (query() as unknown as PromiseLike<T[]>);
  const forward = db
    .update(appSecrets)
    .set({ name: sql`name` })
    .where(sql`0`);
  const [, rows] = (await db.batch([forward, query()])) as unknown as [unknown, T[]];
  return rows;
}

// `found` as this instance's replica gave it, asked again of the primary when it is missing
// or, with `shows`, when it does not show the write yet (a cancelled booking still confirmed).
export async function orFromPrimary<T>(
  db: Db,
  found: T | null,
  query: () => BatchItem<'sqlite'>,
  shows: (row: T) => boolean = () => true,
): Promise<T | null> {
  if ((found !== null && shows(found)) || db.$client.protocol === 'file') return found;
  return (await fromPrimary<T>(db, query))[0] ?? null;
}
