// The libSQL client the portal talks through: single statements and batches that meet a busy
// database are tried again until DATABASE_BUSY_TIMEOUT_MS has passed. Safe to repeat: a
// statement or batch refused with SQLITE_BUSY did not happen at all. Interactive transactions
// are left alone: the portal does not use them (DESIGN rule 1).
import { createClient, type Client, type InArgs, type InStatement } from '@libsql/client';
import { dbBusyRetries } from '~/platform/observability/metrics';
import { isBusyError } from './db-errors';
import { openLocalClient } from './local-client.server';
import { writeGroups, type WriteCall } from './write-group';

export interface ClientOptions {
  url: string;
  authToken?: string;
  busyBudgetMs: number;
  // At most this many writes of this process at a libSQL server at once (DATABASE_WRITE_CONCURRENCY).
  remoteWriters?: number;
  // At most this many write batches sent to a libSQL server as one transaction (DATABASE_WRITE_GROUP; 1: never).
  writeGroup?: number;
  // Per-connection settings an embedded file's fresh connection needs again.
  connectionPragmas?: string[];
}

export function isFileUrl(url: string) {
  return url.startsWith('file:') || url === ':memory:';
}

// A libSQL server that stops answering must not hold a request (and one of the client's few
// connections) forever: the call fails instead, and the person gets a "try again".
const REMOTE_TIMEOUT_MS = 30_000;
// A group is one HTTP request that the server parses and answers whole: a booking is 5–8
// statements, so 16 bookings fit.
const MAX_GROUP_STATEMENTS = 200;

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
// While they wait, their batches are grouped into one transaction (write-group.ts).
function writeCall(method: 'execute' | 'batch', args: unknown[]): WriteCall {
  if (method === 'batch') return { method, statements: args[0] as InStatement[], mode: args[1] as string };
  const first = args[0] as InStatement;
  return { method, statement: typeof first === 'string' ? { sql: first, args: (args[1] as InArgs | undefined) ?? [] } : first };
}

function pause(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export function openClient({
  url,
  authToken,
  busyBudgetMs,
  remoteWriters = 2,
  writeGroup = 16,
  connectionPragmas = [],
}: ClientOptions): Client {
  const file = isFileUrl(url);
  // One connection for an embedded file: libSQL's local calls are synchronous, so more
  // connections would only add lock contention; per-connection pragmas then hold. A file gets
  // the client that keeps its prepared statements (local-client.server.ts).
  const open = () =>
    url.startsWith('file:')
      ? openLocalClient(url)
      : createClient({ url, authToken, ...(file ? { concurrency: 1 } : { fetch: fetchWithTimeout }) });
  let current = open();
  // One gate per client, and the process has one client (db.server.ts, getDb). An embedded
  // file runs each batch synchronously, to the end, so nothing ever waits to be grouped there.
  const writes = file
    ? null
    : writeGroups(() => current, { writers: remoteWriters, batches: writeGroup, statements: MAX_GROUP_STATEMENTS });

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
        return await (writes && isWrite(method, args) ? writes.submit(writeCall(method, args), call) : call());
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
