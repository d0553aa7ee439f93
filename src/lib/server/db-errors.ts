// A database that cannot answer right now — busy with another writer, or out of reach — is
// not a bug: db-client.ts retries what met a busy database (bounded), and what still fails
// becomes a "try again" answer here (503 with Retry-After), never a 500.
import { t, type Lang } from '../../i18n';
import { jsonError } from './http';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
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
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code) || e.code.startsWith('UND_ERR'))) return true;
    if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
    if (e.name === 'TimeoutError') return true;
    if (typeof e.message === 'string' && /ConnectionFailed|Unable to open connection/.test(e.message)) return true;
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return isBusyError(error) || isUnreachableError(error);
}

export const RETRY_AFTER_SECONDS = 5;

let lastLogged = 0;

// One line every few seconds at most: an outage must not flood the logs.
export function logUnavailable(error: unknown, log: (line: string) => void = console.error) {
  if (Date.now() - lastLogged < 5_000) return;
  lastLogged = Date.now();
  const e = [...chain(error)].at(-1);
  log(`database unavailable (${isBusyError(error) ? 'busy' : 'unreachable'}): ${typeof e?.message === 'string' ? e.message : String(error)}`);
}

// The answer a person gets: JSON for the API; for pages, a plain page that depends on nothing
// else (not on the database, not on another route).
export function unavailableResponse(lang: Lang, isApi: boolean): Response {
  const headers = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  if (isApi) return jsonError(503, t(lang, 'errors.server'), undefined, headers);
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = escape(t(lang, 'errors.unavailableTitle'));
  const body = `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body style="font:1.0625rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>${title}</h1><p>${escape(t(lang, 'errors.server'))}</p>
<p><a href="">${escape(t(lang, 'errors.retry'))}</a></p></body></html>`;
  return new Response(body, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });
}
