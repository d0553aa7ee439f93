// Telling a database that cannot answer right now — busy with another writer, or out of
// reach — from a bug: db-client.server.ts retries what met a busy database (bounded), and what still
// fails becomes a "try again" answer (failures.ts), never a 500.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
// @libsql/client codes for a server that did not answer the statement (not a refusal of it).
const UNREACHABLE_CODES = new Set(['SERVER_ERROR', 'HRANA_WEBSOCKET_ERROR', 'TRANSACTION_TIMEOUT', 'STREAM_EXPIRED', 'SQLITE_CANTOPEN']);

type ErrorLike = { code?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown; name?: unknown };

function* chain(error: unknown): Generator<ErrorLike> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current as ErrorLike;
    current = (current as ErrorLike).cause;
  }
}

// SQLITE_BUSY / SQLITE_LOCKED (and their extended codes): the statement or batch did not
// happen at all, so running it again is safe.
export function isBusyError(error: unknown): boolean {
  for (const e of chain(error)) {
    const codes = [e.code, e.extendedCode].filter((c): c is string => typeof c === 'string');
    if (codes.some((c) => c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'))) return true;
    if (typeof e.message === 'string' && /database (table )?is locked/i.test(e.message)) return true;
  }
  return false;
}

// The libSQL server is down or unreachable (refused connection, failed fetch, a 5xx from it
// or its proxy), or the database file cannot be opened.
export function isUnreachableError(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code) || e.code.startsWith('UND_ERR')))
      return true;
    if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
    if (e.name === 'TimeoutError') return true;
    if (typeof e.message === 'string' && /ConnectionFailed|Unable to open connection/.test(e.message)) return true;
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return isBusyError(error) || isUnreachableError(error);
}

// One line for logs and start-up messages: the message, and the network code beneath it
// ("fetch failed: ECONNREFUSED").
export function describeDatabaseError(error: unknown): string {
  const links = [...chain(error)];
  const message = typeof links[0]?.message === 'string' ? links[0].message : String(error);
  const code = links.map((e) => e.code).find((c): c is string => typeof c === 'string' && NETWORK_CODES.has(c));
  return code && !message.includes(code) ? `${message}: ${code}` : message;
}
