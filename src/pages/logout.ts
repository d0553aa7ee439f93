// Signing out is a POST (a link could be triggered by another site); then back to sign-in.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { deleteSessionCookieFor } from '~/features/auth/sign-in-session.server';
import { signOut } from '~/features/auth/sign-in.server';

export const POST: APIRoute = async (context) => {
  if (context.locals.session) await signOut(getDb(), context.locals.session);
  deleteSessionCookieFor(context);
  // The door page's offline copy (a roster, in the service worker's cache) and its queue leave
  // the phone with the person who signed out.
  const response = context.redirect('/login?signedOut=1', 303);
  const headers = new Headers(response.headers);
  headers.set('Clear-Site-Data', '"cache", "storage"');
  return new Response(null, { status: 303, headers });
};
