// The roster as a spreadsheet (`;`, UTF-8 BOM, formula-safe cells); the export is audited.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { csvFilename, exportRoster, rosterCsv } from '~/features/roster/roster-export.server';
import { actorOf, sessionForPage } from '~/features/sessions/trainer-access.server';

export const GET: APIRoute = async (context) => {
  const access = await sessionForPage(context, 'read-roster');
  if (!access.ok) return access.response;
  const entries = await exportRoster(getDb(), access.value, actorOf(context.locals.user!), 'csv');
  return new Response(rosterCsv(entries), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFilename(access.value)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
