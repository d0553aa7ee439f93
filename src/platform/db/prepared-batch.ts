// A `db.batch` of drizzle statements built once, with placeholders, then sent with only their
// values filled in. drizzle's own `db.batch` renders every statement's SQL again on each call
// (it takes builders, not prepared queries): for the booking batch that was ≈0.5 ms of CPU per
// booking, more than SQLite spends running it. The statements stay drizzle-built and typed:
// their SQL comes from drizzle once, their rows are mapped by drizzle's own prepared queries.
import type { InArgs } from '@libsql/client';
import { fillPlaceholders, sql, type Placeholder } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { PreparedQuery } from 'drizzle-orm/session';
import type { Db } from './db.server';
import type { Statement } from './query-parts';

type Preparable = Statement & { prepare(): PreparedQuery };

// `p.name` is `sql.placeholder('name')`, named after a key of the values that fill it, so a
// misspelt placeholder or a missing value is a type error.
export type Placeholders<V> = { readonly [K in keyof V]: Placeholder<K & string, V[K]> };

const placeholders = new Proxy({} as Record<string, Placeholder>, {
  get: (_target, name) => (typeof name === 'string' ? sql.placeholder(name) : undefined),
});

// `build` receives the placeholders and returns the statements; the result runs them in one
// write transaction (BEGIN IMMEDIATE, as `db.batch`), answering what `db.batch` would. Every
// value a statement binds must be a placeholder or the same on every call (a value bound at
// build time is sent again to every later caller): keep the result (preparedOnce), keyed by
// whatever fixed choice shaped the statements.
export function preparedBatch<V extends object, T extends [Preparable, ...Preparable[]]>(
  db: Db,
  build: (p: Placeholders<V>) => T,
): (values: V) => Promise<BatchResponse<T>> {
  const prepared = build(placeholders as Placeholders<V>).map((s) => s.prepare());
  const queries = prepared.map((p) => p.getQuery());
  return async (values) => {
    const batch = queries.map((q) => ({ sql: q.sql, args: fillPlaceholders(q.params, values as Record<string, unknown>) as InArgs }));
    // raw: drizzle's db.batch cannot take prepared statements; this sends the SQL drizzle built
    // once, through the same client (busy retries, BEGIN IMMEDIATE), and maps rows as it would.
    const results = await db.$client.batch(batch, 'write');
    return results.map((result, i) => prepared[i]!.mapResult(result, true)) as BatchResponse<T>;
  };
}
