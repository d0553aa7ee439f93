import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db';
import { t } from '../../../../i18n';
import { json, jsonError, parseId, readJson } from '../../../../lib/server/http';
import { cancelThroughManageLink, manageView, moveThroughManageLink } from '../../../../lib/server/manage';

const NOT_FOUND = 'Ce lien de réservation n\'est pas valable.';

export const GET: APIRoute = async ({ params }) => {
  const view = await manageView(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};

export const DELETE: APIRoute = async ({ params }) => {
  const view = await cancelThroughManageLink(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};

// Another date of the same workshop: body { sessionId }. 409 when that date has no room for
// this booking or the person is already booked there; 422 for a session that is not another
// date of this workshop.
export const PATCH: APIRoute = async ({ params, request }) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const sessionId = parseId(String((body.body as { sessionId?: unknown } | null)?.sessionId ?? ''));
  if (!sessionId) return jsonError(422, t('fr', 'form.errorSummary'), { sessionId: t('fr', 'errors.sessionNotFound') });
  const token = params.token ?? '';
  const moved = await moveThroughManageLink(getDb(), token, sessionId);
  if (moved.kind === 'not-found') return jsonError(404, NOT_FOUND);
  if (moved.kind === 'not-allowed') return jsonError(422, t('fr', 'form.errorSummary'), { sessionId: t('fr', 'errors.sessionNotFound') });
  if (moved.kind !== 'moved') return jsonError(409, t('fr', moved.kind === 'full' ? 'booking.moveFull' : 'booking.moveAlreadyBooked'));
  const view = await manageView(getDb(), token);
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};
