// One pipeline for every request: database ready, who is asking, security headers.
import { defineMiddleware, sequence } from 'astro:middleware';
import { crossSiteRefusal, isCrossSiteWrite } from './lib/server/csrf';
import { dbReady } from './lib/server/db';

// CSRF: refuse writes that a browser says come from another site (see csrf.ts).
const sameSiteWrites = defineMiddleware(async ({ request, url }, next) => {
  if (isCrossSiteWrite(request, url)) return crossSiteRefusal(request);
  return next();
});

const database = defineMiddleware(async (_context, next) => {
  await dbReady();
  return next();
});

const securityHeaders = defineMiddleware(async (_context, next) => {
  const response = await next();
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'same-origin');
  return response;
});

export const onRequest = sequence(sameSiteWrites, database, securityHeaders);
