import { t } from '~/i18n';
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { parseId } from '~/platform/http/json';
import { forbiddenPage } from '~/features/auth/permissions';
import { downloadTrainingAttestation, pdfResponse } from '~/features/training/attestation-download.server';

// The attestation of one attended training (`id`: the registration).
export const GET: APIRoute = async (context) => {
  const id = parseId(context.params.id);
  const download = id ? await downloadTrainingAttestation(getDb(), context.locals.user ?? null, id) : ({ status: 404 } as const);
  if (download.status === 200) return pdfResponse(download);
  if (download.status === 401) return context.redirect(`/login?next=${encodeURIComponent(context.url.pathname)}`, 302);
  if (download.status === 403) return forbiddenPage(context.locals.lang ?? 'fr', 'auth.errors.forbidden');
  if (download.status === 410)
    return new Response(t('fr', 'training.revoke.gone'), { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response('Attestation introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
