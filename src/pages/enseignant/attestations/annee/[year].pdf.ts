import { t } from '~/i18n';
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { parseId } from '~/platform/http/json';
import { forbiddenPage } from '~/features/auth/permissions';
import { downloadYearAttestation, pdfResponse } from '~/features/training/attestation-download.server';
import { parseSchoolYear } from '~/features/training/school-year';

// The attestation of a school year ("2026-2027"); staff name the teacher with `?enseignant=<id>`.
export const GET: APIRoute = async (context) => {
  const year = parseSchoolYear(context.params.year);
  const teacherId = parseId(context.url.searchParams.get('enseignant') ?? undefined);
  const download = year ? await downloadYearAttestation(getDb(), context.locals.user ?? null, year, teacherId) : ({ status: 404 } as const);
  if (download.status === 200) return pdfResponse(download);
  if (download.status === 401) return context.redirect(`/login?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, 302);
  if (download.status === 403) return forbiddenPage(context.locals.lang ?? 'fr', 'auth.errors.forbidden');
  if (download.status === 410)
    return new Response(t('fr', 'training.revoke.gone'), { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response('Aucune attestation pour cette année.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
