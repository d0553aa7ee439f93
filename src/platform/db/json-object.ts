// Rows built as one JSON object by SQLite, typed from the schema's columns. Reading a row of
// many columns costs the client a JS value per column (≈8× slower than one JSON string per
// row), so the lists that read dozens of wide rows (the catalog) ask SQLite for one string.
import { Column, is, SQL, sql } from 'drizzle-orm';

type Field = Column | SQL<unknown> | JsonFields;
export interface JsonFields {
  [key: string]: Field;
}

type ColumnValue<C extends Column> = C['_']['notNull'] extends true ? C['_']['data'] : C['_']['data'] | null;

export type JsonOf<F extends JsonFields> = {
  [K in keyof F]: F[K] extends Column ? ColumnValue<F[K]> : F[K] extends SQL<infer T> ? T : F[K] extends JsonFields ? JsonOf<F[K]> : never;
};

// Expressions whose value is JSON text (JSON-mode columns, jsonText()): SQLite passes the text
// through and the row's decoder parses it, which is cheaper than SQLite's json() (≈15% of the
// catalog's query time).
const JSON_TEXT = new WeakSet<SQL>();

export function jsonText<T>(expr: SQL): SQL<T> {
  JSON_TEXT.add(expr);
  return expr as SQL<T>;
}

type Path = string[];

function value(field: Field, path: Path, texts: Path[]): SQL {
  if (is(field, Column)) {
    if (field.columnType === 'SQLiteTextJson') texts.push(path);
    if (field.columnType === 'SQLiteBoolean') return sql`json(case when ${field} then 'true' when not ${field} then 'false' end)`;
    return sql`${field}`;
  }
  if (is(field, SQL)) {
    if (JSON_TEXT.has(field)) texts.push(path);
    return field;
  }
  return build(field, path, texts);
}

function build(fields: JsonFields, path: Path, texts: Path[]): SQL {
  // Keys are names written in the code, so they go in as literals (one statement text per shape).
  const pairs = Object.entries(fields).map(([key, field]) => sql`${sql.raw(`'${key}'`)}, ${value(field, [...path, key], texts)}`);
  return sql`json_object(${sql.join(pairs, sql`, `)})`;
}

// A nested object, or null when `present` is null (the side of a left join that found nothing).
export function jsonObjectOrNull<F extends JsonFields>(present: Column, fields: F): SQL<JsonOf<F> | null> {
  const texts: Path[] = [];
  const object = sql<JsonOf<F> | null>`case when ${present} is null then null else ${build(fields, [], texts)} end`;
  if (texts.length) throw new Error('jsonObjectOrNull: JSON text fields belong at the top level');
  return object;
}

function parseAt(row: Record<string, unknown>, path: Path) {
  let at: Record<string, unknown> | null = row;
  for (const key of path.slice(0, -1)) at = (at?.[key] as Record<string, unknown> | null) ?? null;
  const last = path[path.length - 1]!;
  if (at && typeof at[last] === 'string') at[last] = JSON.parse(at[last]);
}

// The row as one typed object: `json_object(...)` of the fields, nested records as nested objects.
export function jsonRow<F extends JsonFields>(fields: F): SQL<JsonOf<F>> {
  const texts: Path[] = [];
  const object = build(fields, [], texts);
  return object.mapWith((text: unknown): JsonOf<F> => {
    const row = JSON.parse(String(text)) as Record<string, unknown>;
    for (const path of texts) parseAt(row, path);
    return row as JsonOf<F>;
  });
}
