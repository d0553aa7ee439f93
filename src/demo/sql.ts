// Bulk INSERT statements for batch loading. Rows travel as one JSON array per chunk and are
// unpacked by json_each: SQLite parses one short statement (the same text for every chunk)
// instead of thousands of placeholders, and drizzle has one parameter to bind instead of
// hundreds of thousands (`insert().values()` took 2.5 s for the demo city, this 0.3 s).
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '~/platform/db/db.server';

const ROWS_PER_STATEMENT = 5000;

// What a column not given gets: its declared default, as a plain INSERT would give it.
function defaultOf(column: SQLiteColumn): SQL {
  if (is(column.default, SQL)) return column.default;
  if (column.default !== undefined) return sql`${column.mapToDriverValue(column.default)}`;
  return sql`null`;
}

// Rows of one table, typed from the schema, every row with the same keys.
export function insertChunks<T extends SQLiteTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  if (!rows.length) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const given = columns.filter(([key]) => key in rows[0]!);
  // Every column in table order, as insert().select() wants: `value ->> i` for the given ones.
  const fields = Object.fromEntries(
    columns.map(([key, column]) => {
      const i = given.findIndex(([k]) => k === key);
      return [key, i >= 0 ? sql`value ->> ${sql.raw(String(i))}` : defaultOf(column)];
    }),
  );
  const statements = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      const values = row as Record<string, unknown>;
      return given.map(([key, column]) => (values[key] == null ? null : column.mapToDriverValue(values[key])));
    });
    const source = db.select(fields).from(sql`json_each(${JSON.stringify(chunk)})`);
    statements.push(db.insert(table as SQLiteTable).select(source));
  }
  return statements;
}

// One write transaction (drizzle's batch wants at least one statement).
export async function writeAll(db: Db, statements: BatchItem<'sqlite'>[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
