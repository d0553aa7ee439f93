// One pipeline for every request: database ready, who is asking, security headers.
import { defineMiddleware, sequence } from 'astro:middleware';
import { dbReady } from './lib/server/db';

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

export const onRequest = sequence(database, securityHeaders);
