// Group commit against a real libSQL server (sqld): queued write batches go as one transaction,
// each caller gets its own results, and a failing batch fails no one else.
import { createClient, LibsqlError, type Client, type InStatement, type ResultSet } from '@libsql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSqld, type TestSqld } from '~tests/helpers/sqld';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { openClient } from './db-client.server';
import { isBusyError } from './db-errors';
import { openLocalClient } from './local-client.server';
import { writeGroups, type WriteGroups } from './write-group';

let sqld: TestSqld;
let raw: Client;
beforeAll(async () => {
  sqld = await startSqld();
  raw = createClient({ url: sqld.url });
});
afterAll(async () => {
  raw?.close();
  await sqld?.close();
});
beforeEach(async () => {
  await raw.executeMultiple(`
    drop table if exists seats; drop table if exists log;
    create table seats (id integer primary key, who text not null unique, session integer not null);
    create table log (id integer primary key, what text not null);`);
});

// A booking-like batch: takes a seat if fewer than `capacity` are taken (an INSERT … SELECT that
// inserts nothing when full, not an error), and writes a log line.
function booking(who: string, capacity = 100): InStatement[] {
  return [
    {
      sql: 'insert into seats (who, session) select ?, 1 where (select count(*) from seats where session = 1) < ? returning id, who',
      args: [who, capacity],
    },
    { sql: 'insert into log (what) values (?)', args: [`booked ${who}`] },
  ];
}

function grouped(writers = 1, batches = 16): { groups: WriteGroups; batch(s: InStatement[]): Promise<unknown> } {
  const groups = writeGroups(() => raw, { writers, batches, statements: 200 });
  return { groups, batch: (s) => groups.submit({ method: 'batch', statements: s, mode: 'write' }, () => raw.batch(s, 'write')) };
}

async function count(table: string) {
  return Number((await raw.execute(`select count(*) as n from ${table}`)).rows[0]!.n);
}

describe('group commit at a libSQL server', () => {
  it('sends queued batches as one transaction and hands each caller its own results', async () => {
    const { groups, batch } = grouped(1);
    const answers = (await Promise.all(Array.from({ length: 40 }, (_, i) => batch(booking(`p${i}`))))) as ResultSet[][];
    answers.forEach((results, i) => {
      expect(results).toHaveLength(2);
      expect(results[0]!.rows.map((r) => r.who)).toEqual([`p${i}`]);
      expect(results[1]!.rowsAffected).toBe(1);
    });
    expect(await count('seats')).toBe(40);
    expect(await count('log')).toBe(40);
    // The first went alone; the 39 that queued behind it went in groups of at most 16.
    expect(groups.stats.grouped).toBe(39);
    expect(groups.stats.groups).toBe(3);
    expect(groups.stats.fallbacks).toBe(0);
  });

  it('a refused booking in a group takes no seat and fails nothing: the group still commits as one', async () => {
    const { groups, batch } = grouped(1);
    const answers = (await Promise.all(Array.from({ length: 12 }, (_, i) => batch(booking(`p${i}`, 5))))) as ResultSet[][];
    expect(answers.filter((r) => r[0]!.rows.length === 1)).toHaveLength(5);
    expect(answers.filter((r) => r[0]!.rows.length === 0)).toHaveLength(7);
    expect(await count('seats')).toBe(5);
    expect(groups.stats.fallbacks).toBe(0);
  });

  it('one failing batch in a group gets its own error; the others commit, and nothing of it is left', async () => {
    const { groups, batch } = grouped(1);
    await raw.execute("insert into seats (who, session) values ('taken', 2)");
    const calls = Array.from({ length: 9 }, (_, i) =>
      // The fifth one's second statement breaks the unique name: its first must not stay either.
      batch(i === 4 ? [booking('p4')[0]!, { sql: "insert into seats (who, session) values ('taken', 3)" }] : booking(`p${i}`)).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    const outcomes = await Promise.all(calls);
    const failed = outcomes.flatMap((o, i) => (o.ok ? [] : [{ i, error: o.error }]));
    expect(failed.map((f) => f.i)).toEqual([4]);
    expect(failed[0]!.error).toBeInstanceOf(LibsqlError);
    expect((failed[0]!.error as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
    const names = (await raw.execute('select who from seats order by who')).rows.map((r) => r.who);
    expect(names).toEqual(['p0', 'p1', 'p2', 'p3', 'p5', 'p6', 'p7', 'p8', 'taken']);
    expect(await count('log')).toBe(8);
    expect(groups.stats.fallbacks).toBe(1);
  });

  it('a batch that fails because of an earlier one in its group still fails when run alone again', async () => {
    const { batch } = grouped(1);
    const outcomes = await Promise.allSettled([
      batch(booking('first')),
      batch([{ sql: "insert into seats (who, session) values ('same', 1)" }]),
      batch([{ sql: "insert into seats (who, session) values ('same', 1)" }]),
      batch(booking('last')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await count('seats')).toBe(3);
  });

  it('through the portal client: single writes and batches share groups, reads do not wait', async () => {
    const client = openClient({ url: sqld.url, busyBudgetMs: 5_000, remoteWriters: 1, writeGroup: 16 });
    try {
      const writes = Array.from({ length: 30 }, (_, i) =>
        i % 3
          ? client.batch(booking(`b${i}`), 'write')
          : client.execute({ sql: 'insert into log (what) values (?)', args: [`single ${i}`] }),
      );
      const read = client.execute('select count(*) as n from log');
      const results = await Promise.all(writes);
      results.forEach((r, i) => {
        if (i % 3) expect((r as ResultSet[])[0]!.rows[0]!.who).toBe(`b${i}`);
        else expect((r as ResultSet).rowsAffected).toBe(1);
      });
      expect((await read).rows).toHaveLength(1);
      expect(await count('seats')).toBe(20);
      expect(await count('log')).toBe(30);
    } finally {
      client.close();
    }
  });

  it('with a group of 1 it is the plain write gate: every batch alone', async () => {
    const { groups, batch } = grouped(2, 1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => batch(booking(`p${i}`))));
    expect(groups.stats.groups).toBe(0);
    expect(await count('seats')).toBe(10);
  });
});

// sqld itself never answers SQLITE_BUSY here (a write waits for the lock, up to its 5 s
// transaction timeout), so a file locked by another connection stands in for a busy server.
describe('a group that meets a busy database', () => {
  it('goes back to every caller as busy, untried one by one, so the retry loop sends each again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-group-'));
    const file = join(dir, 'busy.db');
    const other = new Database(file);
    other.exec('create table seats (id integer primary key, who text not null unique); pragma journal_mode = wal');
    const client = openLocalClient(`file:${file}`);
    try {
      const groups = writeGroups(() => client, { writers: 1, batches: 16, statements: 200 });
      const batch = (who: string) => {
        const s = [{ sql: 'insert into seats (who) values (?)', args: [who] }];
        return groups.submit({ method: 'batch', statements: s, mode: 'write' }, () => client.batch(s, 'write'));
      };
      other.exec('begin immediate');
      const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map(batch));
      expect(outcomes.every((o) => o.status === 'rejected' && isBusyError(o.reason))).toBe(true);
      expect(groups.stats.fallbacks).toBe(0);
      other.exec('rollback');
      await Promise.all(['a', 'b', 'c', 'd'].map(batch));
      expect((other.prepare('select count(*) as n from seats').get() as { n: number }).n).toBe(4);
    } finally {
      client.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
