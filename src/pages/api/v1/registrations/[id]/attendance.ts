// Attendance of one booking, `{ present }` or `{ status }` (present, late, excused, absent), with
// an optional idempotency `key`: the same call twice changes nothing.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { markAttendance } from '~/features/attendance/attendance.server';
import { markDateAttendance } from '~/features/courses/date-attendance.server';
import { getDb } from '~/platform/db/db.server';
import { json, readJson } from '~/platform/http/json';
import { actorOf, registrationForApi } from '~/features/sessions/trainer-access.server';
import { failureResponse } from '~/features/sessions/trainer-api';
import { toParisIso } from '~/platform/text/dates';
import { ATTENDANCE_STATUSES } from '~db/schema';

// `dateId`: one date of a course (the booking's own mark then says whether they came at all).
const dateId = z.number().int().positive().optional();
const body = z.union([
  z.object({ status: z.enum(ATTENDANCE_STATUSES), key: z.string().min(8).max(64).optional(), dateId }),
  z.object({ present: z.boolean(), key: z.string().min(8).max(64).optional(), dateId }),
]);

export const PUT: APIRoute = async ({ params, request, locals }) => {
  const access = await registrationForApi(locals, params.id, 'mark-attendance');
  if (!access.ok) return access.response;
  const raw = await readJson(request);
  if (!raw.ok) return raw.response;
  const input = body.safeParse(raw.body);
  if (!input.success) return failureResponse({ status: 422, errors: { present: 'trainer.errors.present' } });
  const { session, registration } = access.value;
  const mark = 'status' in input.data ? input.data.status : input.data.present ? 'present' : 'absent';
  if (input.data.dateId !== undefined) {
    const marked = await markDateAttendance(
      getDb(),
      session,
      registration,
      input.data.dateId,
      mark,
      actorOf(locals.user!),
      Date.now(),
      input.data.key,
    );
    if (marked.status !== 200) return failureResponse(marked);
    return json({ attendance: { registrationId: marked.registrationId, present: marked.present, dates: marked.dates } });
  }
  const result = await markAttendance(getDb(), session, registration, { status: mark, key: input.data.key }, actorOf(locals.user!));
  if (!('attendance' in result)) return failureResponse(result);
  const a = result.attendance;
  return json({
    attendance: {
      registrationId: a.registrationId,
      status: a.status,
      present: a.present,
      mark: a.mark,
      markedAt: a.markedAt == null ? null : toParisIso(a.markedAt),
    },
  });
};
