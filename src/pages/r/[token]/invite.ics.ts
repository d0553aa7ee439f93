// The booking's current state as a calendar invite, for people without email (and anyone
// who wants it again): REQUEST while it stands, CANCEL once it or its session is cancelled.
import type { APIRoute } from 'astro';
import { inviteForManageToken } from '~/features/calendar/invite';
import { getDb } from '~/platform/db/db.server';

export const GET: APIRoute = async ({ params }) => {
  const invite = await inviteForManageToken(getDb(), params.token ?? '');
  if (!invite) return new Response('Invitation introuvable.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const filename = invite.method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics';
  return new Response(invite.ics, {
    headers: {
      'Content-Type': `text/calendar; charset=utf-8; method=${invite.method}`,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
};
