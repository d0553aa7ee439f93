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

// A column as its JSON value: JSON-mode text as the array or object it holds, booleans as
// booleans (SQLite stores 0/1).
function value(field: Field): SQL {
  if (is(field, Column)) {
    if (field.columnType === 'SQLiteTextJson') return sql`json(${field})`;
    if (field.columnType === 'SQLiteBoolean') return sql`json(case when ${field} then 'true' when not ${field} then 'false' end)`;
    return sql`${field}`;
  }
  if (is(field, SQL)) return field;
  return jsonObject(field);
}

// `json_object(...)` of the fields; nested records become nested objects.
export function jsonObject<F extends JsonFields>(fields: F): SQL<JsonOf<F>> {
  // Keys are names written in the code, so they go in as literals (one statement text per shape).
  const pairs = Object.entries(fields).map(([key, field]) => sql`${sql.raw(`'${key}'`)}, ${value(field)}`);
  return sql<JsonOf<F>>`json_object(${sql.join(pairs, sql`, `)})`;
}

// The object, or null when `present` is null (the side of a left join that found nothing).
export function jsonObjectOrNull<F extends JsonFields>(present: Column, fields: F): SQL<JsonOf<F> | null> {
  return sql<JsonOf<F> | null>`json(case when ${present} is null then null else ${jsonObject(fields)} end)`;
}

// The top-level object of a row, parsed into its typed shape.
export function jsonRow<F extends JsonFields>(fields: F): SQL<JsonOf<F>> {
  return jsonObject(fields).mapWith((text: unknown) => JSON.parse(String(text)) as JsonOf<F>);
}
