// One pipeline for every request: security headers, language, one answer for failures,
// database ready, refusal of cross-site writes (Astro's origin check is off: web-security.ts
// does it for forms and API), who is asking.
import { defineMiddleware, sequence } from 'astro:middleware';
import { DEFAULT_LANG, isLang, t } from './i18n';
import { dbReady, getDb } from './platform/db/db.server';
import { failureResponse } from './platform/http/failures';
import { currentRequest } from './platform/observability/request-context';
import { jsonError } from './platform/http/json';
import { deleteSessionCookieFor, sessionTokenOf, setSessionCookieFor, validateSessionToken } from './features/auth/sign-in-session.server';
import { twoFactorRequired } from './features/auth/two-factor.server';
import { servePageFromCache } from './features/catalog/page-cache.server';
import {
  applySecurityHeaders,
  crossSiteRefusal,
  isCrossSiteWrite,
  isHttps,
  isNonJsonApiBody,
  unsupportedMediaType,
} from './platform/http/web-security';

// The route pattern for the request's log line and metrics (request-log.server.ts).
const observe = defineMiddleware((context, next) => {
  const request = currentRequest();
  if (request) request.routePattern = context.routePattern;
  return next();
});

const database = defineMiddleware(async (_context, next) => {
  await dbReady();
  return next();
});

// What a route throws gets one answer everywhere: a busy or unreachable database is a "try
// again" (503), an unreadable form a 400, anything else a logged 500 (failures.ts). An API
// path that matches no route answers JSON too, like every API error.
const failures = defineMiddleware(async (context, next) => {
  const lang = context.locals.lang ?? DEFAULT_LANG;
  const isApi = context.url.pathname.startsWith('/api/');
  try {
    const response = await next();
    if (isApi && response.status === 404 && !response.headers.get('content-type')?.includes('json'))
      return jsonError(404, t(lang, 'errors.notFound'));
    return response;
  } catch (error) {
    return failureResponse(error, { lang, isApi });
  }
});

const securityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  return applySecurityHeaders(response, { https: isHttps(context.request, context.url), signedIn: !!context.locals.user });
});

// French by default; /ar/… and /en/… pages are in those languages.
const language = defineMiddleware((context, next) => {
  const first = context.url.pathname.split('/')[1];
  context.locals.lang = first !== DEFAULT_LANG && isLang(first) ? first : DEFAULT_LANG;
  return next();
});

const requestChecks = defineMiddleware((context, next) => {
  const isApi = context.url.pathname.startsWith('/api/');
  if (isCrossSiteWrite(context.request, context.url)) return crossSiteRefusal(context.locals.lang, isApi);
  if (isApi && isNonJsonApiBody(context.request)) return unsupportedMediaType(context.locals.lang);
  return next();
});

// The catalog and session pages for visitors who are not signed in, from memory while the
// database says nothing they show changed (page-cache.server.ts).
const pageCache = defineMiddleware(servePageFromCache);

// Fills locals.user / locals.session from the cookie; sends the cookie again when the session
// was extended, and drops a cookie that no longer opens anything.
const authentication = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.twoFactor = false;
  const token = sessionTokenOf(context);
  if (token) {
    const result = await validateSessionToken(getDb(), token);
    if (result) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      context.locals.twoFactor = result.twoFactor;
      if (result.refreshed) setSessionCookieFor(context, token, result.session.expiresAt);
    } else {
      deleteSessionCookieFor(context);
    }
  }
  return next();
});

// An account that must have two-factor (administrators) and has none yet may only enrol or
// sign out: every other page leads to the enrolment page, every API call is refused.
export const ENROLMENT_PAGE = '/compte/deux-facteurs';
const OPEN_BEFORE_ENROLMENT = new Set([ENROLMENT_PAGE, '/logout', '/api/v1/auth/logout', '/api/v1/auth/login', '/login']);
const twoFactorEnrolment = defineMiddleware((context, next) => {
  const user = context.locals.user;
  if (!user || context.locals.twoFactor || !twoFactorRequired(user.role) || OPEN_BEFORE_ENROLMENT.has(context.url.pathname)) return next();
  if (context.url.pathname.startsWith('/api/')) return jsonError(403, t(context.locals.lang, 'twoFactor.enrolmentRequired'));
  return context.redirect(ENROLMENT_PAGE, 302);
});

export const onRequest = sequence(
  observe,
  securityHeaders,
  language,
  failures,
  database,
  requestChecks,
  pageCache,
  authentication,
  twoFactorEnrolment,
);
