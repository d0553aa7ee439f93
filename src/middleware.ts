// One pipeline for every request: database ready, security headers, language, refusal of
// cross-site writes (Astro's origin check is off: web-security.ts does it for forms and API), who is asking.
import { defineMiddleware, sequence } from 'astro:middleware';
import { DEFAULT_LANG, isLang } from './i18n';
import { dbReady, getDb } from './lib/server/db';
import { isDatabaseUnavailable, logUnavailable, unavailableResponse } from './lib/server/db-errors';
import { deleteSessionCookieFor, SESSION_COOKIE, setSessionCookieFor, validateSessionToken } from './lib/server/session';
import {
  applySecurityHeaders,
  crossSiteRefusal,
  isCrossSiteWrite,
  isHttps,
  isNonJsonApiBody,
  unsupportedMediaType,
} from './lib/server/web-security';

const database = defineMiddleware(async (_context, next) => {
  await dbReady();
  return next();
});

// A database that is busy or out of reach is a "try again" (503), on every route, never a 500.
const databaseTrouble = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    logUnavailable(error);
    return unavailableResponse(context.locals.lang ?? DEFAULT_LANG, context.url.pathname.startsWith('/api/'));
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

// Fills locals.user / locals.session from the cookie; sends the cookie again when the session
// was extended, and drops a cookie that no longer opens anything.
const authentication = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = await validateSessionToken(getDb(), token);
    if (result) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.refreshed) setSessionCookieFor(context, token, result.session.expiresAt);
    } else {
      deleteSessionCookieFor(context);
    }
  }
  return next();
});

export const onRequest = sequence(securityHeaders, language, databaseTrouble, database, requestChecks, authentication);
