// Small pieces for writing statements with drizzle's builder.
import { Column, getTableColumns, is, sql, SQL, type Placeholder } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SQLiteAsyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';

// One statement of a `db.batch`, and a non-empty list of them (what `db.batch` takes).
export type Statement = BatchItem<'sqlite'>;
export type Statements = [Statement, ...Statement[]];

// A column's schema default as SQL (`null` for none, which an autoincrement id takes as "next").
// A default made in JS (`$defaultFn`, a random UID) is made anew each call: never freeze it.
export function columnDefault(column: Column): SQL {
  if (column.defaultFn) return sql`${sql.param(column.defaultFn(), column)}`;
  const value: unknown = column.default;
  if (value === undefined || value === null) return sql`null`;
  if (is(value, SQL)) return value;
  return sql`${sql.param(value, column)}`;
}

type InsertFields<T extends SQLiteTable> = {
  [K in keyof T['$inferInsert']]?: SQL | SQL.Aliased | Column | Placeholder | T['$inferInsert'][K];
};

// The select list of `db.insert(table).select(...)`, which must name every column of the table
// in its order: given what to write, in any order, it adds the columns left to their schema
// default (so each default keeps living once, in db/schema.ts) and orders them. A plain value
// or a placeholder is bound as that column would bind it (booleans, JSON).
export function insertColumns<T extends SQLiteTable>(table: T, fields: InsertFields<T>): Record<keyof T['$inferInsert'], SQL.Aliased> {
  const given = fields as Record<string, unknown>;
  const entries = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key];
    const expression =
      value === undefined
        ? columnDefault(column)
        : is(value, SQL.Aliased)
          ? value.sql
          : is(value, SQL) || is(value, Column)
            ? sql`${value}`
            : sql`${sql.param(value, column)}`;
    return [key, expression.as(column.name)] as const;
  });
  return Object.fromEntries(entries) as Record<keyof T['$inferInsert'], SQL.Aliased>;
}

// A list of statements built in pieces (some only sometimes), as `db.batch` takes it.
export function batchOf<T extends Statement>(statements: T[]): [T, ...T[]] {
  if (!statements.length) throw new Error('A batch needs at least one statement');
  return statements as [T, ...T[]];
}

const dialect = new SQLiteAsyncDialect();

// A fragment without parameters, rendered to SQL text once. drizzle renders every column and
// chunk of a statement again each time it runs (about 2 µs each): the big fixed parts of the
// statements on the booking path are rendered at start instead, and cost nothing per request.
// Columns come out qualified with their table, so a frozen fragment fits a join or a WHERE,
// not the select list of a single-table select of an aliased table.
export function frozen<T>(fragment: SQL<T>): SQL<T> {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length) throw new Error(`A frozen fragment takes no parameters: ${text}`);
  return sql<T>`${sql.raw(text)}`;
}
