// The roster as an .xlsx workbook (the same columns as the CSV); the export is audited.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { csvFilename, exportRoster, rosterXlsx } from '~/features/roster/roster-export.server';
import { XLSX_TYPE } from '~/platform/text/xlsx.server';
import { actorOf, sessionForPage } from '~/features/sessions/trainer-access.server';

export const GET: APIRoute = async (context) => {
  const access = await sessionForPage(context, 'read-roster');
  if (!access.ok) return access.response;
  const entries = await exportRoster(getDb(), access.value, actorOf(context.locals.user!), 'xlsx');
  return new Response(new Uint8Array(await rosterXlsx(entries)), {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${csvFilename(access.value).replace(/\.csv$/, '.xlsx')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
