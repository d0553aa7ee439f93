// The libSQL client the portal talks through: single statements and batches that meet a busy
// database are tried again until DATABASE_BUSY_TIMEOUT_MS has passed. Safe to repeat: a
// statement or batch refused with SQLITE_BUSY did not happen at all. Interactive transactions
// are left alone: the portal does not use them (DESIGN rule 1).
import { createClient, type Client } from '@libsql/client';
import { dbBusyRetries } from '~/platform/observability/metrics';
import { isBusyError } from './db-errors';
import { openLocalClient } from './local-client.server';

export interface ClientOptions {
  url: string;
  authToken?: string;
  busyBudgetMs: number;
  // At most this many writes of this process at a libSQL server at once (DATABASE_WRITE_CONCURRENCY).
  remoteWriters?: number;
  // Per-connection settings an embedded file's fresh connection needs again.
  connectionPragmas?: string[];
}

export function isFileUrl(url: string) {
  return url.startsWith('file:') || url === ':memory:';
}

// A libSQL server that stops answering must not hold a request (and one of the client's few
// connections) forever: the call fails instead, and the person gets a "try again".
const REMOTE_TIMEOUT_MS = 30_000;
function fetchWithTimeout(request: Request): Promise<Response> {
  return fetch(request, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS) });
}

function isWrite(method: 'execute' | 'batch', args: unknown[]): boolean {
  if (method === 'batch') return args[1] !== 'read';
  const first = args[0] as string | { sql: string };
  const sql = typeof first === 'string' ? first : first.sql;
  return !/^\s*(select|pragma|explain)\b/i.test(sql);
}

// Writes wait here, a few at a time per instance, rather than pile up at a libSQL server: the
// server runs one write at a time anyway, and sqld 0.24 can stall every writer for good when
// ten or more write transactions reach it at once (found by tests/integration/scale-out.test.ts).
type Gate = <T>(fn: () => Promise<T>) => Promise<T>;

function gate(size: number): Gate {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= size) await new Promise<void>((r) => waiting.push(r));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function pause(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export function openClient({ url, authToken, busyBudgetMs, remoteWriters = 2, connectionPragmas = [] }: ClientOptions): Client {
  const file = isFileUrl(url);
  // One connection for an embedded file: libSQL's local calls are synchronous, so more
  // connections would only add lock contention; per-connection pragmas then hold. A file gets
  // the client that keeps its prepared statements (local-client.server.ts).
  const open = () =>
    url.startsWith('file:')
      ? openLocalClient(url)
      : createClient({ url, authToken, ...(file ? { concurrency: 1 } : { fetch: fetchWithTimeout }) });
  let current = open();
  // One gate per client, and the process has one client (db.server.ts, getDb).
  const writes: Gate = file ? (fn) => fn() : gate(remoteWriters);

  // libSQL keeps a statement refused with SQLITE_BUSY open until the garbage collector
  // frees it, and while it is open every COMMIT on that connection fails ("SQL statements
  // in progress"). So an embedded file gets a fresh connection after a busy refusal.
  async function renew(failed: Client) {
    if (!file || failed !== current) return;
    const next = open();
    if (connectionPragmas.length) await next.executeMultiple(connectionPragmas.join(';\n'));
    current = next;
    // Closed a little later: a call may still be waiting for the old connection.
    setTimeout(() => {
      try {
        failed.close();
      } catch {
        // Nothing left to release.
      }
    }, 1_000).unref();
  }

  // The wait happens here, between attempts, and not in SQLite's busy handler: a local call
  // is synchronous, so waiting there would freeze every request of the process.
  async function retrying(method: 'execute' | 'batch', args: unknown[]) {
    const deadline = Date.now() + busyBudgetMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
      const client = current;
      const call = () => (client[method] as (...a: unknown[]) => Promise<unknown>).apply(client, args);
      try {
        return await (isWrite(method, args) ? writes(call) : call());
      } catch (error) {
        if (!isBusyError(error) || Date.now() + delay > deadline) throw error;
        dbBusyRetries.inc();
        await renew(client);
        await pause(delay / 2 + Math.random() * delay);
      }
    }
  }

  return new Proxy(current, {
    get(_target, prop) {
      if (prop === 'execute') return (...args: unknown[]) => retrying(prop, args);
      // drizzle's db.batch names no mode: a batch is a write ('write' = BEGIN IMMEDIATE, so it
      // never fails half-way on upgrading a read lock) unless it says 'read'.
      if (prop === 'batch') return (statements: unknown, mode?: string) => retrying(prop, [statements, mode ?? 'write']);
      const value = Reflect.get(current, prop, current) as unknown;
      // Methods read private fields, so they must run on the real client.
      return typeof value === 'function' && prop !== 'constructor' ? value.bind(current) : value;
    },
  });
}
