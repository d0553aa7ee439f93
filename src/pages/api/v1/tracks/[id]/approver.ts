// Who approves bookings of a teacher track in school time: `PUT { approverEmail }` names the
// inspector (IEN), `approverEmail: null` lifts the requirement. Drane staff and admins.
import type { APIRoute } from 'astro';
import { guardApi } from '~/features/auth/permissions';
import { changeTrackApprover } from '~/features/courses/approval.server';
import { actorOf } from '~/features/sessions/trainer-access.server';
import { failureResponse } from '~/features/sessions/trainer-api';
import { getDb } from '~/platform/db/db.server';
import { json, parseId, readJson } from '~/platform/http/json';

export const PUT: APIRoute = async ({ params, request, locals }) => {
  const denied = guardApi(locals, 'set-track-approver');
  if (denied) return denied;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const result = await changeTrackApprover(getDb(), parseId(params.id) ?? 0, body.body, actorOf(locals.user!));
  return result.status === 200 ? json({ track: result.track }) : failureResponse(result);
};
