// A subscribable calendar (a trainer's sessions or a teacher's bookings) at its secret URL.
import type { APIRoute } from 'astro';
import { calendarFeedForToken } from '~/features/calendar/calendar-feeds.server';
import { getDb } from '~/platform/db/db.server';

export const GET: APIRoute = async ({ params }) => {
  const ics = await calendarFeedForToken(getDb(), params.token ?? '');
  if (!ics) return new Response('Calendrier introuvable.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="passerelle.ics"',
      'Cache-Control': 'private, max-age=300',
      'Referrer-Policy': 'no-referrer',
    },
  });
};
