import type { APIRoute } from 'astro';
import { t } from '~/i18n';
import { requestBooking } from '~/features/registration/booking-request.server';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, parseId, readJson } from '~/platform/http/json';
import { wordErrors } from '~/platform/text/field-errors';
import { clientAddress, retryAfterHeaders } from '~/platform/http/rate-limit.server';
import { registrationJson } from '~/features/registration/book-seat.server';
import { rosterJson } from '~/features/roster/roster.server';
import { exportRoster } from '~/features/roster/roster-export.server';
import { sessionJson } from '~/features/sessions/sessions.server';
import { actorOf, sessionForApi } from '~/features/sessions/trainer-access.server';
import { earlierJson, earlierTraining } from '~/features/training/repeat-training.server';

export const POST: APIRoute = async (context) => {
  const { params, request, locals } = context;
  const sessionId = parseId(params.id);
  if (!sessionId) return jsonError(404, t('fr', 'errors.sessionNotFound'));
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const db = getDb();
  // A teacher who already attended this track: `"repeat": false` asks first (409), anything
  // else books as asked, as the API always did, and says so in `alreadyAttended`.
  const earlier = await earlierTraining(db, locals.user, sessionId);
  const alreadyAttended = earlier ? { alreadyAttended: earlierJson(earlier) } : {};
  if (earlier && (body.body as { repeat?: unknown } | null)?.repeat === false) {
    return json({ error: t('fr', 'training.again.title'), ...alreadyAttended }, 409);
  }
  const result = await requestBooking(db, { sessionId, body: body.body, user: locals.user, address: clientAddress(context) });
  if (result.status === 422) return jsonError(422, t('fr', 'form.errorSummary'), wordErrors('fr', result.errors));
  if (result.status === 429) return jsonError(429, t('fr', result.error), undefined, retryAfterHeaders(result.retryAfterSeconds));
  if ('error' in result) return jsonError(result.status, t('fr', result.error));
  // DESIGN rule 2: a repeat says nothing about the booking; its link went to the contact on file.
  if ('alreadyRegistered' in result) {
    return json({ registration: null, alreadyRegistered: true, message: t(result.language, 'privacyNotice.repeat.message') }, 200);
  }
  // Only forms ask before waitlisting part of a booking; the API books as asked (DESIGN rule 3).
  // The track needs the inspector's approval (school time): nothing booked yet, the request waits.
  // A full session: the teacher already waits in line (never seated before the IEN agrees).
  if ('approval' in result) {
    const waitlisted = 'waitlisted' in result.approval && result.approval.waitlisted === true;
    return json({ registration: null, approval: { id: result.approval.id, status: 'pending', waitlisted } }, 202);
  }
  if ('seatChoice' in result) return jsonError(409, t('fr', 'journey.seats.question', { n: result.seatChoice.seatsLeft }));
  return json({ registration: registrationJson(result.registration, result.manageToken), ...alreadyAttended }, result.status);
};

// The roster, contacts included: for that session's trainer, Drane staff (teacher sessions)
// and admins. Reading it is an export of personal data, so it is audited.
export const GET: APIRoute = async ({ params, locals }) => {
  const access = await sessionForApi(locals, params.id, 'read-roster');
  if (!access.ok) return access.response;
  const entries = await exportRoster(getDb(), access.value, actorOf(locals.user!), 'json');
  return json({ session: sessionJson(access.value), registrations: entries.map(rosterJson) });
};
