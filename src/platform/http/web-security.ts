// The browser-facing defences the middleware applies to every request: security headers,
// refusal of cross-site writes (CSRF), JSON-only API bodies.
import { t, type Lang } from '~/i18n';
import { config } from '~/platform/config/config';
import { jsonError } from './json';

// Styles are inlined by the build, hence 'unsafe-inline' for styles only; no inline scripts.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Over https directly, through a proxy that says so, or in production (always behind TLS).
// A forged X-Forwarded-Proto only makes its sender's own response stricter.
export function isHttps(request: Request, url: URL): boolean {
  return url.protocol === 'https:' || config.production || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function applySecurityHeaders(response: Response, { https, signedIn }: { https: boolean; signedIn: boolean }): Response {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), payment=(), usb=(), browsing-topics=(), geolocation=(self)',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  // Pages shown to a signed-in person are theirs alone: no shared cache may keep them.
  const privateCache = signedIn && !response.headers.has('Cache-Control');
  try {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    if (privateCache) response.headers.set('Cache-Control', 'private, no-store');
    return response;
  } catch {
    // Some responses (redirects made by Response.redirect, fetched ones) have frozen headers.
    const copy = new Response(response.body, response);
    for (const [k, v] of Object.entries(headers)) copy.headers.set(k, v);
    if (privateCache) copy.headers.set('Cache-Control', 'private, no-store');
    return copy;
  }
}

// The hosts this portal answers as: the Host of the request, PUBLIC_URL's, and the proxy's
// X-Forwarded-Host when TRUST_PROXY=1.
function ownHosts(request: Request, url: URL): Set<string> {
  const hosts = new Set([url.host, new URL(config.publicUrl).host]);
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (config.trustProxy && forwarded) hosts.add(forwarded);
  return hosts;
}

// A write (form or API) sent by another site's page is refused: the browser's Sec-Fetch-Site
// says so, or the Origin names another host. Clients that are not browsers send neither.
export function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true;
  try {
    return !ownHosts(request, url).has(new URL(origin).host);
  } catch {
    return true;
  }
}

export function crossSiteRefusal(lang: Lang, isApi: boolean): Response {
  const message = t(lang, 'auth.errors.crossSite');
  return isApi ? jsonError(403, message) : new Response(message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

// API writes that carry a body must say it is JSON; a form-encoded or text body is refused
// (it is what another site's page could send without asking the browser first).
export function isNonJsonApiBody(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const hasBody = Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('transfer-encoding');
  if (!hasBody && !request.headers.has('content-type')) return false;
  const type = request.headers.get('content-type') ?? '';
  return !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type);
}

export function unsupportedMediaType(lang: Lang): Response {
  return jsonError(415, t(lang, 'auth.errors.jsonOnly'));
}
