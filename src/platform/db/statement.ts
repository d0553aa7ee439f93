// A bridge for the few statements still written as SQL text: a drizzle query, built but not
// run, as the `{ sql, args }` that `$client.execute` and `$client.batch` take.
import type { InStatement, InValue } from '@libsql/client';

export function asStatement(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InValue[] };
}
