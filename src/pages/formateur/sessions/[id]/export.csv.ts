// The roster as a spreadsheet (`;`, UTF-8 BOM, formula-safe cells); the export is audited.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db';
import { csvFilename, exportRoster, rosterCsv } from '../../../../lib/server/roster-export';
import { actorOf, sessionForPage } from '../../../../lib/server/trainer-access';

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
