// GET /api/v1/reports/weekly/:isoWeek (drane, city, admin): the meeting report as JSON,
// `?format=csv` or `?format=xlsx` for its tables.
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { guardApi } from '~/features/auth/permissions';
import { weeklyReportResponse } from '~/features/readiness/weekly-report/meeting/meeting-export.server';

export const GET: APIRoute = async ({ params, url, locals }) => {
  const denied = guardApi(locals, 'read-readiness');
  if (denied) return denied;
  return weeklyReportResponse(getDb(), { kind: 'user', userId: locals.user!.id }, params.isoWeek ?? '', url.searchParams);
};
