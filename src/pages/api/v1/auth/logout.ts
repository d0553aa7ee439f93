// POST /api/v1/auth/logout → 200 { ok: true }; ends this session and clears the cookie.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { deleteSessionCookieFor } from '../../../../lib/server/session';
import { signOut } from '../../../../lib/server/sign-in';

export const POST: APIRoute = async (context) => {
  if (context.locals.session) await signOut(getDb(), context.locals.session);
  deleteSessionCookieFor(context);
  return json({ ok: true });
};
