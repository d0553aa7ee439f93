// The libSQL client for an embedded database file, with the one thing @libsql/client's own
// file client lacks: prepared statements are kept and reused. Its client prepares every
// statement anew, and a booking's batch (seat rule, outbox row, audit row) spent more time
// being compiled by SQLite than being run (see docs/benchmarks.md). Same results, same errors
// (LibsqlError codes), same row shape, so drizzle and the rest of the portal cannot tell.
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client';
import { expandConfig } from '@libsql/core/config';
import { ResultSetImpl } from '@libsql/core/util';
import Database from 'libsql';

type Value = null | number | bigint | string | Buffer;
interface Prepared {
  stmt: Database.Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
}

// Enough for every statement the portal writes (a few hundred shapes); statements with a
// variable number of placeholders come and go through the oldest-first eviction.
const CACHE_SIZE = 500;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;
const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

export function openLocalClient(url: string): Client {
  const { path } = expandConfig({ url }, true);
  try {
    const db = new Database(path);
    db.prepare('SELECT 1 AS checkThatTheDatabaseCanBeOpened').all();
    return new LocalClient(db) as unknown as Client;
  } catch (e) {
    throw toLibsqlError(e);
  }
}

class LocalClient {
  closed = false;
  readonly protocol = 'file';
  #db: Database.Database;
  #cache = new Map<string, Prepared>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async execute(stmtOrSql: InStatement, args?: InValue[]): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    this.#checkOpen();
    return this.#run(stmt);
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#run(BEGIN[mode]);
    try {
      const results = stmts.map((stmt, i) => {
        try {
          return this.#run(stmt);
        } catch (e) {
          throw e instanceof LibsqlError
            ? new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined)
            : e;
        }
      });
      this.#run('COMMIT');
      return results;
    } finally {
      if (this.#db.inTransaction) this.#run('ROLLBACK');
    }
  }

  // drizzle's migrator: the statements in one transaction, foreign keys off meanwhile.
  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#run('PRAGMA foreign_keys=off');
    try {
      return await this.batch(stmts, 'deferred');
    } finally {
      this.#cache.clear();
      this.#run('PRAGMA foreign_keys=on');
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    this.#cache.clear();
    try {
      this.#db.exec(sql);
    } catch (e) {
      throw toLibsqlError(e);
    }
  }

  async transaction(): Promise<never> {
    // The portal writes in single statements and batches (DESIGN rule 1).
    throw new LibsqlError('Interactive transactions are not used by the portal', 'TRANSACTION_UNSUPPORTED');
  }

  async sync() {
    return undefined;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    this.#db.close();
  }

  #checkOpen() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) return hit;
    const stmt = this.#db.prepare(sql);
    stmt.safeIntegers(true);
    const reader = stmt.reader;
    if (reader) stmt.raw(true);
    const prepared = { stmt, reader, ...(reader ? columnsOf(stmt) : { columns: [], columnTypes: [] }) };
    // A statement that changes the schema is not worth keeping, and the columns known for
    // the others may change with it.
    if (SCHEMA_CHANGE.test(sql)) this.#cache.clear();
    else {
      if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(sql, prepared);
    }
    return prepared;
  }

  #run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args =
      typeof stmt === 'string' || stmt.args === undefined ? [] : Array.isArray(stmt.args) ? stmt.args.map(toSql) : namedArgs(stmt.args);
    try {
      const p = this.#prepare(sql);
      if (p.reader) {
        const raws = p.stmt.all(args) as Value[][];
        // Another connection changed the schema and SQLite re-prepared the statement.
        if (raws.length && raws[0]!.length !== p.columns.length) Object.assign(p, columnsOf(p.stmt));
        const rows = raws.map((raw) => toRow(raw, p.columns));
        return new ResultSetImpl(p.columns, p.columnTypes, rows, 0, undefined);
      }
      const info = p.stmt.run(args);
      return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw toLibsqlError(e);
    }
  }
}

function columnsOf(stmt: Database.Statement) {
  const columns = stmt.columns() as { name: string; type: string | null }[];
  return { columns: columns.map((c) => c.name), columnTypes: columns.map((c) => c.type ?? '') };
}

function namedArgs(args: Record<string, InValue>) {
  const out: Record<string, Value> = {};
  for (const name in args) out[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(args[name]!);
  return out;
}

// The same conversions as @libsql/client ("number" integers).
function toSql(value: InValue): Value {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value as Value;
}

function fromSql(value: Value): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

// A row reads by index and by column name, and only the names are enumerable: the shape of
// @libsql/client's rows, which drizzle relies on.
function toRow(raw: Value[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, 'length', { value: raw.length });
  for (let i = 0; i < raw.length; i++) {
    const value = fromSql(raw[i]!);
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

const SQLITE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
};

function toLibsqlError(e: unknown): unknown {
  if (!(e instanceof Database.SqliteError)) return e;
  const raw = (e as { rawCode?: number }).rawCode;
  const code = raw === undefined ? 'SQLITE_UNKNOWN' : (SQLITE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(e.message, code, e.code, raw, e);
}
