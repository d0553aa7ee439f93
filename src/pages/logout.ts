// Signing out is a POST (a link could be triggered by another site); then back to sign-in.
import type { APIRoute } from 'astro';
import { getDb } from '../lib/server/db';
import { deleteSessionCookieFor } from '../lib/server/session';
import { signOut } from '../lib/server/sign-in';

export const POST: APIRoute = async (context) => {
  if (context.locals.session) await signOut(getDb(), context.locals.session);
  deleteSessionCookieFor(context);
  return context.redirect('/login?signedOut=1', 303);
};
