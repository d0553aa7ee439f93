import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/server/db';
import { json, jsonError, translateErrors } from '../../../lib/server/http';
import { guardApi } from '../../../lib/server/permissions';
import { readinessBySchool, readinessJson } from '../../../lib/server/readiness';
import { exportReadinessCsv, parseReadinessQuery } from '../../../lib/server/readiness-export';

export const GET: APIRoute = async ({ url, locals }) => {
  const denied = guardApi(locals, 'read-readiness');
  if (denied) return denied;
  const query = parseReadinessQuery(url.searchParams);
  if (!query.ok) return jsonError(422, 'Paramètres invalides.', translateErrors(query.errors));
  const { arrondissement, format } = query.value;
  if (format === 'csv') {
    const { csv, fileName } = await exportReadinessCsv(getDb(), { kind: 'user', userId: locals.user!.id }, arrondissement);
    return new Response(csv, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' },
    });
  }
  const schools = await readinessBySchool(getDb(), { arrondissement });
  return json({ schools: schools.map(readinessJson) });
};
