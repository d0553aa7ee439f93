// Bulk INSERT statements for batch loading. Rows travel as one JSON array per chunk and are
// unpacked by json_each: SQLite parses a short statement instead of thousands of placeholders.
import type { InStatement, InValue } from '@libsql/client';

const ROWS_PER_STATEMENT = 5000;

export function insertRows(table: string, columns: string[], rows: InValue[][]): InStatement[] {
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    statements.push({
      sql: `insert into ${table} (${columns.join(', ')}) select ${values} from json_each(?)`,
      args: [JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT))],
    });
  }
  return statements;
}

// Rows given as objects whose keys are column names; every row has the same keys.
export function insertObjects(table: string, rows: Record<string, InValue>[]): InStatement[] {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]!);
  return insertRows(table, columns, rows.map((row) => columns.map((c) => row[c] ?? null)));
}
