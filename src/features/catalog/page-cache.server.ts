// The catalog and the session pages under a burst (a flyer shared with 300 parents): a page
// rendered once per language and query is answered from memory, precompressed, until the
// database says something it shows changed (page-versions.server.ts) or time alone changes it.
// Only for visitors without a sign-in cookie: nothing personal is ever kept. Each instance has
// its own store; the version is read from the shared database on every request, so a booking
// made through another instance is seen by the very next page.
import type { APIContext, MiddlewareNext } from 'astro';
import { sessionTokenOf } from '~/features/auth/sign-in-session.server';
import { getDb } from '~/platform/db/db.server';
import { parseId } from '~/platform/http/json';
import { answerFromCache, cachedPage, RenderCache, type CachedPage } from '~/platform/http/render-cache';
import { CATALOG_PAGE_PARAMS, pageParams, SESSION_PAGE_PARAMS } from './catalog-query';
import { CATALOG_SCOPE, pageVersion, SHARED_TEXTS_SCOPE } from './page-versions.server';

type Scopes = readonly [number] | readonly [number, number];
interface CachedRoute {
  scopes(params: APIContext['params']): Scopes | null;
  // The query parameters the page reads: the only ones in the key.
  params: readonly string[];
}

// The routes served from the store, and the counters that say what they show.
const CACHED_ROUTES: Record<string, CachedRoute> = {
  '/[...lang]': { scopes: () => [CATALOG_SCOPE], params: CATALOG_PAGE_PARAMS },
  '/[...lang]/sessions/[id]': {
    scopes: (params) => {
      const id = parseId(params.id);
      return id ? [id, SHARED_TEXTS_SCOPE] : null;
    },
    params: SESSION_PAGE_PARAMS,
  },
};

// Dates move to "closed" at their start; an entry also ends after a minute whatever happens.
const MAX_AGE_MS = 60_000;
const store = new RenderCache(8 * 2 ** 20);
// One render per page and version, however many parents ask for it at once.
const rendering = new Map<string, Promise<CachedPage | null>>();

export async function servePageFromCache(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const { request } = context;
  const route = CACHED_ROUTES[context.routePattern];
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !route || sessionTokenOf(context) !== undefined) return next();
  const scopes = route.scopes(context.params);
  if (!scopes) return next();
  const key = `${context.url.pathname}?${pageParams(context.url.searchParams, route.params)}`;
  const version = await pageVersion(getDb(), scopes);
  const cached = store.get(key);
  if (cached && cached.version === version && cached.until > Date.now()) return tagged(answerFromCache(cached, request), 'hit');
  if (request.method === 'HEAD') return next();

  const job = `${key}\n${version}`;
  const shared = rendering.get(job);
  if (shared) {
    const entry = await shared;
    return entry ? tagged(answerFromCache(entry, request), 'hit') : next();
  }
  let settle!: (entry: CachedPage | null) => void;
  rendering.set(job, new Promise((resolve) => (settle = resolve)));
  try {
    const response = await next();
    if (!cacheable(response, context)) {
      settle(null);
      return response;
    }
    const until = Math.min(Date.now() + MAX_AGE_MS, context.locals.cacheableUntil ?? Infinity);
    const entry = await cachedPage(response, version, until);
    store.set(key, entry);
    settle(entry);
    return tagged(answerFromCache(entry, request), 'miss');
  } catch (error) {
    settle(null);
    throw error;
  } finally {
    rendering.delete(job);
  }
}

// A whole page for anyone: no error status, no cookie, not declared time-bound to the past.
function cacheable(response: Response, context: APIContext): boolean {
  const until = context.locals.cacheableUntil;
  return (
    response.status === 200 &&
    (response.headers.get('content-type') ?? '').startsWith('text/html') &&
    !response.headers.has('set-cookie') &&
    (until === undefined || until > Date.now())
  );
}

// Says where the answer came from (tests and the benchmark read it).
function tagged(response: Response, how: 'hit' | 'miss'): Response {
  response.headers.set('X-Render-Cache', how);
  return response;
}
