import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError } from '~/platform/http/json';
import { guardApi } from '~/features/auth/permissions';
import { parseSchoolYear, schoolYearOf } from '~/features/training/school-year';
import { trainingRecord } from '~/features/training/training-record.server';
import { trainingRecordJson } from '~/features/training/training-record-api';

// A signed-in teacher's hours of the current school year (or `?schoolYear=2025-2026`).
export const GET: APIRoute = async ({ locals, url }) => {
  const denied = guardApi(locals, 'view-own-trainings');
  if (denied) return denied;
  const asked = url.searchParams.get('schoolYear');
  const year = asked ? parseSchoolYear(asked) : schoolYearOf(Date.now());
  if (!year) return jsonError(422, 'Année scolaire invalide.', { schoolYear: 'Écrivez l’année scolaire comme « 2026-2027 ».' });
  return json(trainingRecordJson(await trainingRecord(getDb(), locals.user!.id, year)));
};
