import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { t } from '~/i18n';
import { json, jsonError, parseId, readJson } from '~/platform/http/json';
import {
  cancelThroughManageLink,
  changeAdultsThroughManageLink,
  manageView,
  moveThroughManageLink,
} from '~/features/registration/manage-link.server';

const NOT_FOUND = "Ce lien de réservation n'est pas valable.";

export const GET: APIRoute = async ({ params }) => {
  const view = await manageView(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};

export const DELETE: APIRoute = async ({ params }) => {
  const view = await cancelThroughManageLink(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};

// Change the booking: body { adults?: 1 | 2, sessionId?: another date of the same workshop }.
// 409 when there is no room for it or the person is already booked on that date; 422 for
// anything else than those two.
export const PATCH: APIRoute = async ({ params, request }) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const { adults, sessionId } = (body.body ?? {}) as { adults?: unknown; sessionId?: unknown };
  const targetId = sessionId === undefined ? undefined : parseId(String(sessionId));
  const errors: Record<string, string> = {};
  if (adults !== undefined && adults !== 1 && adults !== 2) errors.adults = t('fr', 'errors.invalidAdults');
  if (targetId === null) errors.sessionId = t('fr', 'errors.sessionNotFound');
  if (adults === undefined && targetId === undefined) errors.sessionId = t('fr', 'errors.sessionNotFound');
  if (Object.keys(errors).length) return jsonError(422, t('fr', 'form.errorSummary'), errors);
  const db = getDb();
  const token = params.token ?? '';
  if (adults === 1 || adults === 2) {
    const changed = await changeAdultsThroughManageLink(db, token, adults);
    if (changed.kind === 'not-found') return jsonError(404, NOT_FOUND);
    if (changed.kind === 'full') return jsonError(409, t('fr', 'booking.adultsFull'));
    if (changed.kind === 'not-allowed') return jsonError(422, t('fr', 'form.errorSummary'), { adults: t('fr', 'errors.invalidAdults') });
  }
  if (targetId) {
    const moved = await moveThroughManageLink(db, token, targetId);
    if (moved.kind === 'not-found') return jsonError(404, NOT_FOUND);
    if (moved.kind === 'not-allowed') return jsonError(422, t('fr', 'form.errorSummary'), { sessionId: t('fr', 'errors.sessionNotFound') });
    if (moved.kind !== 'moved') return jsonError(409, t('fr', moved.kind === 'full' ? 'booking.moveFull' : 'booking.moveAlreadyBooked'));
  }
  const view = await manageView(db, token);
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};
