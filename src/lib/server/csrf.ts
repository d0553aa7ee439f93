// Cross-site request refusal. Browsers send `Origin` (and `Sec-Fetch-Site`) on every
// cross-site POST, PUT, PATCH and DELETE, so a write whose Origin is another site, or that
// the browser itself marks cross-site, is refused. Requests with neither header come from
// non-browser clients (curl, an app, a test), which cannot be tricked into sending them.
// This replaces Astro's built-in check, which also refused body-less API calls (DELETE).
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (SAFE.has(request.method)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  return origin !== url.origin && origin !== forwardedOrigin(request, url);
}

// Behind a TLS-terminating proxy the server sees http:// while the browser says https://.
function forwardedOrigin(request: Request, url: URL): string | null {
  if (process.env.TRUST_PROXY !== '1') return null;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ?? url.host;
  return proto ? `${proto}://${host}` : null;
}

export function crossSiteRefusal(request: Request): Response {
  const json = new URL(request.url).pathname.startsWith('/api/');
  return json
    ? new Response(JSON.stringify({ error: 'Requête refusée : elle vient d\'un autre site.' }), { status: 403, headers: { 'Content-Type': 'application/json; charset=utf-8' } })
    : new Response('Requête refusée : elle vient d\'un autre site.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
