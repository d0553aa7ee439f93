// Signing out is a POST (a link could be triggered by another site); then back to sign-in.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { deleteSessionCookieFor } from '~/features/auth/sign-in-session.server';
import { signOut } from '~/features/auth/sign-in.server';

export const POST: APIRoute = async (context) => {
  if (context.locals.session) await signOut(getDb(), context.locals.session);
  deleteSessionCookieFor(context);
  return context.redirect('/login?signedOut=1', 303);
};
