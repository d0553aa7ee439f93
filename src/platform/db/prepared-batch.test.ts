// A batch built once must answer exactly like drizzle's own db.batch, call after call, with
// nothing of one call's values left in the next, and stay all-or-nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, rateLimits } from '~db/schema';
import { createTestDb, type TestDb } from '~tests/helpers/db';
import { preparedBatch, type Placeholders } from './prepared-batch';

let t: TestDb;
beforeAll(async () => (t = await createTestDb()));
afterAll(() => t.close());

type Values = { key: string; count: number; action: string; details: Record<string, unknown> };

function build(p: Placeholders<Values>) {
  const db = t.db;
  return [
    db
      .insert(rateLimits)
      .values({ key: p.key, windowStart: 0, count: p.count })
      .returning({ key: rateLimits.key, count: rateLimits.count }),
    db
      .insert(auditLog)
      .values({ actorKind: 'system', action: p.action, subjectType: 'test', details: p.details })
      .returning({ action: auditLog.action, details: auditLog.details }),
    db.select({ count: rateLimits.count }).from(rateLimits).where(eq(rateLimits.key, p.key)),
  ] as const;
}

describe('preparedBatch', () => {
  it('answers like db.batch, with typed rows and JSON bound through its column', async () => {
    const run = preparedBatch(t.db, (p: Placeholders<Values>) => [...build(p)]);
    const ours = await run({ key: 'a', count: 1, action: 'first', details: { n: 1 } });
    const db = t.db;
    const theirs = await db.batch([
      db.insert(rateLimits).values({ key: 'b', windowStart: 0, count: 1 }).returning({ key: rateLimits.key, count: rateLimits.count }),
      db
        .insert(auditLog)
        .values({ actorKind: 'system', action: 'first', subjectType: 'test', details: { n: 1 } })
        .returning({ action: auditLog.action, details: auditLog.details }),
      db.select({ count: rateLimits.count }).from(rateLimits).where(eq(rateLimits.key, 'b')),
    ]);
    expect(ours).toEqual([[{ key: 'a', count: 1 }], [{ action: 'first', details: { n: 1 } }], [{ count: 1 }]]);
    expect(theirs).toEqual([[{ key: 'b', count: 1 }], ours[1], ours[2]]);
  });

  it('sends each call its own values, built once', async () => {
    const run = preparedBatch(t.db, (p: Placeholders<Values>) => [...build(p)]);
    const first = await run({ key: 'c', count: 3, action: 'one', details: { n: 2 } });
    const second = await run({ key: 'd', count: 4, action: 'two', details: { n: 3 } });
    expect(first[0]).toEqual([{ key: 'c', count: 3 }]);
    expect(second).toEqual([[{ key: 'd', count: 4 }], [{ action: 'two', details: { n: 3 } }], [{ count: 4 }]]);
  });

  it('writes nothing when one statement fails, and refuses a missing value', async () => {
    const run = preparedBatch(t.db, (p: Placeholders<Values>) => [...build(p)]);
    // The key exists already: the first insert fails after nothing else, so try the audit row first.
    const auditFirst = preparedBatch(t.db, (p: Placeholders<Values>) => {
      const [limit, audit] = build(p);
      return [audit, limit];
    });
    await expect(auditFirst({ key: 'a', count: 1, action: 'never', details: {} })).rejects.toThrow();
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'never'))).toEqual([]);
    await expect(run({ key: 'e', count: 1, action: 'x' } as Values)).rejects.toThrow(/placeholder "details"/);
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, 'e'))).toEqual([]);
  });
});
