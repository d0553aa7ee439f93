// A trainer's change to one date of a course, from the API or the trainer's page, to a
// session result (with who was told on each channel), as the session changes answer.
import { z } from 'zod';
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { notifiedBy } from '~/features/notices/notices.server';
import { changeFailure } from '~/features/sessions/session-edit.server';
import { SessionChangeError } from '~/features/sessions/session-changes.server';
import { checkTimes, fieldErrors, instant, parseCancel } from '~/features/sessions/session-input';
import type { SessionResult } from '~/features/sessions/plan-sessions.server';
import { getSession, type SessionView } from '~/features/sessions/sessions.server';
import { overlapping } from './course-dates';
import { cancelCourseDate, moveCourseDate } from './date-changes.server';

const slotBody = z.object({ startsAt: instant, endsAt: instant }).strict();

async function answer(db: Db, sessionId: number, told: number, ops: string[], now: number): Promise<SessionResult> {
  const session = await getSession(db, sessionId, now);
  if (!session) return { status: 404, error: 'errors.sessionNotFound' };
  return { status: 200, session, told, notified: await notifiedBy(db, ops) };
}

function failure(e: unknown): SessionResult {
  if (!(e instanceof SessionChangeError)) throw e;
  if (e.reason === 'not-found') return { status: 404, error: 'courses.errors.dateNotFound' };
  if (e.reason === 'conflict' && e.message.startsWith('the last date')) return { status: 409, error: 'courses.errors.lastDate' };
  return changeFailure(e);
}

// `PATCH /api/v1/sessions/:id/dates/:dateId { startsAt, endsAt }`.
export async function moveDate(
  db: Db,
  s: SessionView,
  dateId: number,
  body: unknown,
  actor: Actor,
  now = Date.now(),
): Promise<SessionResult> {
  const parsed = slotBody.safeParse(body ?? {});
  if (!parsed.success) return { status: 422, errors: fieldErrors(parsed.error.issues) };
  const slot = parsed.data;
  const date = s.dates.find((d) => d.id === dateId);
  if (!date) return { status: 404, error: 'courses.errors.dateNotFound' };
  const errors = checkTimes(slot.startsAt, slot.endsAt, now, date.startsAt);
  if (Object.keys(errors).length) return { status: 422, errors };
  const others = s.dates.filter((d) => d.id !== dateId && d.status !== 'cancelled');
  if (overlapping([...others, slot])) return { status: 422, errors: { startsAt: 'courses.errors.overlap' } };
  try {
    const ops: string[] = [];
    const result = await moveCourseDate(db, s.id, dateId, slot, actor, now, ops);
    return answer(db, s.id, result.attendees, ops, now);
  } catch (e) {
    return failure(e);
  }
}

// `POST /api/v1/sessions/:id/dates/:dateId/cancel { reason }`.
export async function cancelDate(
  db: Db,
  s: SessionView,
  dateId: number,
  body: unknown,
  actor: Actor,
  now = Date.now(),
): Promise<SessionResult> {
  const input = parseCancel(body);
  if (!input.ok) return { status: 422, errors: input.errors };
  try {
    const ops: string[] = [];
    const result = await cancelCourseDate(db, s.id, dateId, input.value.reason, actor, now, ops);
    return answer(db, s.id, result.attendees, ops, now);
  } catch (e) {
    return failure(e);
  }
}
