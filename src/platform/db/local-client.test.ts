// The statement-keeping client must answer exactly like @libsql/client's own file client:
// same rows (by index and by name), same counts, same errors, same batch rollback.
import { createClient, LibsqlBatchError, LibsqlError, type Client, type ResultSet } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalClient } from './local-client.server';

let dir: string;
let ours: Client;
let theirs: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-local-client-'));
  ours = openLocalClient(`file:${join(dir, 'ours.db')}`);
  theirs = createClient({ url: `file:${join(dir, 'theirs.db')}` });
  for (const c of [ours, theirs]) {
    await c.execute('create table people (id integer primary key, name text not null unique, age integer, photo blob, score real)');
  }
});

afterEach(() => {
  ours.close();
  theirs.close();
  rmSync(dir, { recursive: true, force: true });
});

// What a caller can observe of a result: rows by name and by index, enumerable keys, counts.
function observe(rs: ResultSet) {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rows: rs.rows.map((row) => ({
      keys: Object.keys(row),
      named: { ...row },
      indexed: Array.from(row as ArrayLike<unknown>),
      length: row.length,
    })),
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
    json: JSON.stringify(rs),
  };
}

async function both<T>(fn: (c: Client) => Promise<T>): Promise<[T, T]> {
  return [await fn(ours), await fn(theirs)];
}

describe('local client', () => {
  it('returns the same rows, counts and ids as @libsql/client, again and again from a kept statement', async () => {
    const insert = 'insert into people (name, age, photo, score) values (?, ?, ?, ?)';
    for (let round = 0; round < 3; round++) {
      const [a, b] = await both((c) =>
        c.execute({ sql: insert, args: [`Amina ${round}`, 30 + round, new Uint8Array([1, 2, round]).buffer, 1.5] }),
      );
      expect(observe(a)).toEqual(observe(b));
      expect(a.lastInsertRowid).toBe(BigInt(round + 1));
    }
    const [named, namedTheirs] = await both((c) =>
      c.execute({ sql: 'insert into people (name, age) values (:name, $age)', args: { name: 'Lucas', $age: true } }),
    );
    expect(observe(named)).toEqual(observe(namedTheirs));
    // Two columns with the same name: the second is reachable by index only.
    const select = 'select id, name, age, photo, score, name as name, null as empty from people where age >= ? order by id';
    for (let round = 0; round < 2; round++) {
      const [a, b] = await both((c) => c.execute({ sql: select, args: [0] }));
      expect(observe(a)).toEqual(observe(b));
      expect(a.rows).toHaveLength(4);
    }
    const [update, updateTheirs] = await both((c) => c.execute({ sql: 'update people set age = age + 1 where age >= ?', args: [30] }));
    expect(update.rowsAffected).toBe(3);
    expect(observe(update)).toEqual(observe(updateTheirs));
  });

  it('runs a batch in one transaction and undoes all of it when one statement fails', async () => {
    const [ok, okTheirs] = await both((c) =>
      c.batch(
        [
          "insert into people (name) values ('A')",
          { sql: 'insert into people (name) values (?) returning id, name', args: ['B'] },
          'select count(*) as n from people',
        ],
        'write',
      ),
    );
    expect(ok.map(observe)).toEqual(okTheirs.map(observe));
    expect(ok[2]!.rows[0]!.n).toBe(2);

    const failures = await both(async (c) => {
      const error = await c
        .batch(["insert into people (name) values ('C')", "insert into people (name) values ('A')"], 'write')
        .catch((e: unknown) => e);
      const count = await c.execute('select count(*) as n from people');
      return { error, count: count.rows[0]!.n };
    });
    for (const { error, count } of failures) {
      expect(error).toBeInstanceOf(LibsqlBatchError);
      expect(error).toMatchObject({ statementIndex: 1, code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(count).toBe(2);
    }
    expect((failures[0].error as Error).message).toBe((failures[1].error as Error).message);
  });

  it('reports SQL errors with the same codes and refuses what cannot be stored', async () => {
    const [a, b] = await both((c) => c.execute('select * from nowhere').catch((e: unknown) => e));
    expect(a).toBeInstanceOf(LibsqlError);
    expect(a).toMatchObject({ code: (b as LibsqlError).code, message: (b as LibsqlError).message });
    await expect(ours.execute({ sql: 'select ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
    await expect(ours.execute({ sql: 'select ?', args: [undefined as never] })).rejects.toThrow(TypeError);
  });

  it('sees a new column after the schema changes, from this connection or another one', async () => {
    const select = 'select * from people';
    await ours.execute("insert into people (name) values ('Zoé')");
    expect((await ours.execute(select)).columns).toHaveLength(5);
    await ours.execute('alter table people add column city text');
    const afterOwn = await ours.execute(select);
    expect(afterOwn.columns).toContain('city');
    expect(afterOwn.rows[0]!.city).toBeNull();

    const other = createClient({ url: `file:${join(dir, 'ours.db')}` });
    await other.execute('alter table people add column school text');
    other.close();
    const afterOther = await ours.execute(select);
    expect(afterOther.columns.at(-1)).toBe('school');
    expect(afterOther.rows[0]!.school).toBeNull();
    expect(afterOther.rows[0]!.name).toBe('Zoé');
  });

  it('applies migrations and several statements at once, and says when it is closed', async () => {
    await ours.migrate(['create table t (x integer)', 'insert into t values (1)']);
    await ours.executeMultiple('insert into t values (2); insert into t values (3);');
    expect((await ours.execute('select sum(x) as s from t')).rows[0]!.s).toBe(6);
    ours.close();
    expect(ours.closed).toBe(true);
    await expect(ours.execute('select 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});
