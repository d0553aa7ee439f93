import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError } from '~/platform/http/json';
import { wordErrors } from '~/platform/text/field-errors';
import { guardApi } from '~/features/auth/permissions';
import { readinessBySchool, readinessJson } from '~/features/readiness/readiness.server';
import { kindsWithoutTrack } from '~/features/readiness/track-coverage';
import { kindsWithTrack } from '~/features/readiness/track-coverage.server';
import { exportReadinessCsv, parseReadinessQuery } from '~/features/readiness/readiness-export.server';

export const GET: APIRoute = async ({ url, locals }) => {
  const denied = guardApi(locals, 'read-readiness');
  if (denied) return denied;
  const query = parseReadinessQuery(url.searchParams);
  if (!query.ok) return jsonError(422, 'Paramètres invalides.', wordErrors('fr', query.errors));
  const { arrondissement, format } = query.value;
  if (format === 'csv') {
    const { csv, fileName } = await exportReadinessCsv(getDb(), { kind: 'user', userId: locals.user!.id }, arrondissement);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    });
  }
  const [schools, covered] = await Promise.all([readinessBySchool(getDb(), { arrondissement }), kindsWithTrack(getDb())]);
  // Beside the schools: the kinds they have that no offered training covers yet.
  return json({ schools: schools.map(readinessJson), kindsWithoutTrack: kindsWithoutTrack(schools, covered) });
};
