// Errors any route may meet, answered the same way everywhere (the middleware asks here): a
// database that cannot answer right now → 503 "try again" with Retry-After; a body that is not
// a readable form → 400, or too large → 413; anything else → 500, logged with its stack.
// JSON for the API; for people, a small page that depends on nothing else (no database, no
// other route).
import { t, type Lang } from '~/i18n';
import { describeDatabaseError, isBusyError, isDatabaseUnavailable } from '~/platform/db/db-errors';
import { logger } from '~/platform/observability/logger';
import { currentRequest } from '~/platform/observability/request-context';
import { jsonError } from './json';

export const RETRY_AFTER_SECONDS = 5;

// What undici says when a page reads a form from a body that is not one (wrong Content-Type,
// broken multipart): the sender's mistake, not ours.
export function isUnreadableForm(error: unknown): boolean {
  return error instanceof TypeError && /^(Content-Type was not one of|Failed to parse body as FormData)/.test(error.message);
}

// The adapter's bodySizeLimit (astro.config.mjs), met while a route reads the body.
export function isTooLarge(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Body size limit exceeded');
}

function messagePage(lang: Lang, status: number, titleKey: string, messageKey: string, headers: Record<string, string>): Response {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = escape(t(lang, titleKey));
  const body = `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body style="font:1.0625rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>${title}</h1><p>${escape(t(lang, messageKey))}</p>
<p><a href="">${escape(t(lang, 'errors.retry'))}</a></p></body></html>`;
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });
}

let lastOutageLog = 0;

const logFailure = (line: string) => logger.error({ requestId: currentRequest()?.id }, line);

export function failureResponse(
  error: unknown,
  { lang, isApi, log = logFailure }: { lang: Lang; isApi: boolean; log?: (line: string) => void },
): Response {
  let status = 500;
  let titleKey = 'errors.unexpectedTitle';
  let messageKey = 'errors.server';
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (isDatabaseUnavailable(error)) {
    [status, titleKey] = [503, 'errors.unavailableTitle'];
    headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
    // One line every few seconds at most: an outage must not flood the logs.
    if (Date.now() - lastOutageLog >= 5_000) {
      lastOutageLog = Date.now();
      log(`database unavailable (${isBusyError(error) ? 'busy' : 'unreachable'}): ${describeDatabaseError(error)}`);
    }
  } else if (isUnreadableForm(error)) {
    [status, titleKey, messageKey] = [400, 'errors.badFormTitle', 'errors.badForm'];
  } else if (isTooLarge(error)) {
    [status, titleKey, messageKey] = [413, 'errors.badFormTitle', 'errors.tooLarge'];
  } else {
    log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return isApi ? jsonError(status, t(lang, messageKey), undefined, headers) : messagePage(lang, status, titleKey, messageKey, headers);
}
