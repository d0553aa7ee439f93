// POST /api/v1/auth/logout → 200 { ok: true }; ends this session and clears the cookie.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json } from '~/platform/http/json';
import { deleteSessionCookieFor } from '~/features/auth/sign-in-session.server';
import { signOut } from '~/features/auth/sign-in.server';

export const POST: APIRoute = async (context) => {
  if (context.locals.session) await signOut(getDb(), context.locals.session);
  deleteSessionCookieFor(context);
  return json({ ok: true });
};
