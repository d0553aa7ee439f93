// The dashboard's downloads in French (CSV for French Excel, and .xlsx), with the dashboard's
// arrondissement and priority-education filters; each is audited like the API's CSV.
import { audit, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { utcToParisLocal } from '~/platform/text/dates';
import { sheetsCsv } from '~/platform/text/sheet';
import { sheetsXlsx, XLSX_TYPE } from '~/platform/text/xlsx.server';
import { readinessBySchool } from './readiness.server';
import { readinessSheet } from './readiness-sheet';
import { matchesPriority, parseSchoolQuery } from './school-table';

export async function readinessDownload(db: Db, actor: Actor, params: URLSearchParams, format: 'csv' | 'xlsx', now = Date.now()) {
  const q = parseSchoolQuery(params);
  const rows = (await readinessBySchool(db, { arrondissement: q.arrondissement }, now)).filter((r) => matchesPriority(r, q.priority));
  await audit(db, actor, 'readiness.exported', 'readiness', q.arrondissement == null ? null : String(q.arrondissement), {
    format: `${format}-fr`,
    schools: rows.length,
    ...(q.priority ? { priorityEducation: q.priority } : {}),
  });
  const name = `preparation-ecoles${q.arrondissement ? `-${q.arrondissement}e` : ''}${q.priority ? `-${q.priority === 'REP+' ? 'rep-plus' : q.priority.toLowerCase()}` : ''}-${utcToParisLocal(now).date}.${format}`;
  const sheet = readinessSheet(rows);
  const body = format === 'csv' ? sheetsCsv([sheet]) : new Uint8Array(await sheetsXlsx([sheet]));
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
