// The readiness figures leaving the portal (API and CSV download): the query they accept,
// and an audit row for every CSV export, since it lists every school's teams.
import { utcToParisLocal } from '~/platform/text/dates';
import { audit, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool, readinessCsv } from './readiness.server';

export interface ReadinessQuery {
  arrondissement?: number;
  format: 'json' | 'csv';
}

export type ParsedReadinessQuery = { ok: true; value: ReadinessQuery } | { ok: false; errors: Record<string, string> };

export function parseReadinessQuery(params: URLSearchParams): ParsedReadinessQuery {
  const errors: Record<string, string> = {};
  const a = (params.get('arrondissement') ?? '').trim();
  const format = (params.get('format') ?? 'json').trim().toLowerCase();
  if (a && (!/^\d{1,2}$/.test(a) || Number(a) < 1 || Number(a) > 16)) errors.arrondissement = 'staff.api.arrondissement';
  if (format !== 'json' && format !== 'csv') errors.format = 'staff.api.format';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { arrondissement: a ? Number(a) : undefined, format: format as ReadinessQuery['format'] } };
}

export async function exportReadinessCsv(db: Db, actor: Actor, arrondissement: number | undefined, now = Date.now()) {
  const rows = await readinessBySchool(db, { arrondissement }, now);
  await audit(db, actor, 'readiness.exported', 'readiness', arrondissement == null ? null : String(arrondissement), {
    format: 'csv',
    schools: rows.length,
  });
  const fileName = `preparation-ecoles${arrondissement ? `-${arrondissement}e` : ''}-${utcToParisLocal(now).date}.csv`;
  return { csv: readinessCsv(rows), fileName };
}
