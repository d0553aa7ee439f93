// The attendance page's forms: one tap marks one person (present, late, excused, absent; an
// undo elsewhere on the row), a walk-in is added and marked
// present in one post. Each redirects back to the person's row, keeping the search.
import { t } from '~/i18n';
import { formObject } from '~/features/auth/auth-input';
import { parseRegistration, registrationFromForm } from '~/features/registration/registration-input';
import { addWalkIn, markAttendance, markUnmarkedAbsent, unmarkAttendance, type AttendanceResult } from './attendance.server';
import type { Mark } from './attendance-marks.server';
import { defaultDoorDate } from './door-date';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { can } from '~/features/auth/permissions';
import { getRegistration } from '~/features/registration/find-registration.server';
import { word } from '~/features/sessions/session-forms.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import { actorOf, sessionRef } from '~/features/sessions/trainer-access.server';
import type { SessionUser } from '~/features/accounts/users.server';

export type DoorOutcome = { redirect: string } | { values: Record<string, string>; errors: Record<string, string>; failure?: string };

const STATUSES = new Set<string>(ATTENDANCE_STATUSES);

// The plain form sends `status` (or the older `present=1|0`); the door page's script adds the
// tap's random `key` and, for a mark queued offline, the time `at` it was made.
function markOf(values: Record<string, string>, dateId: number | undefined): Omit<Mark, 'at'> & { at?: number } {
  const status = STATUSES.has(values.status ?? '') ? (values.status as AttendanceStatus) : values.present === '0' ? 'absent' : 'present';
  const key = /^[\w-]{8,64}$/.test(values.key ?? '') ? values.key : undefined;
  const at = Number(values.at);
  return { status, key, at: Number.isSafeInteger(at) && at > 0 ? at : undefined, dateId };
}

// The date of a course the page is for (`dateId` in the form; a form without one, sent from
// a page older than courses, is for the date the page opens on): none for a single session.
function dateOf(session: SessionView, values: Record<string, string>): number | undefined {
  if (!session.dates.length) return undefined;
  if (!values.dateId) return defaultDoorDate(session.dates)?.id;
  const id = Number(values.dateId);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}

async function mark(
  db: Db,
  user: SessionUser,
  session: SessionView,
  values: Record<string, string>,
  dateId?: number,
): Promise<AttendanceResult> {
  const id = Number(values.registrationId);
  const reg = Number.isSafeInteger(id) && id > 0 ? await getRegistration(db, id) : null;
  if (!reg) return { status: 404, error: 'trainer.errors.registrationNotFound' };
  if (values.intent === 'undo') return unmarkAttendance(db, session, reg, actorOf(user), Date.now(), dateId);
  return markAttendance(db, session, reg, markOf(values, dateId), actorOf(user));
}

export async function doorPost(db: Db, user: SessionUser, session: SessionView, form: FormData): Promise<DoorOutcome> {
  const values = formObject(form);
  if (!can(user, 'mark-attendance', sessionRef(session))) return { values, errors: {}, failure: t('fr', 'auth.errors.forbidden') };
  const search = values.q ? `q=${encodeURIComponent(values.q.slice(0, 80))}&` : '';
  const dateId = dateOf(session, values);
  // Back to the page of the same date.
  const date = dateId && dateId > 0 ? `seance=${dateId}&` : '';
  const base = `/formateur/sessions/${session.id}/presences`;
  if (values.intent === 'walk-in') {
    // The person is there: their name for the sign-in sheet needs no separate consent box.
    const person = parseRegistration({ ...registrationFromForm(form), consent: true }, { contactRequired: false });
    if (!person.ok) return { values, errors: word(person.errors) };
    const result = await addWalkIn(db, session, person.value, actorOf(user), Date.now(), markOf(values, dateId).key, dateId);
    if ('error' in result) return { values, errors: {}, failure: t('fr', result.error) };
    return { redirect: `${base}?${date}ajoute=${result.registration.id}#r-${result.registration.id}` };
  }
  if (values.intent === 'close') {
    const absent = await markUnmarkedAbsent(db, session, actorOf(user), Date.now(), dateId);
    return { redirect: `${base}?${date}absents=${absent}` };
  }
  const result = await mark(db, user, session, values, dateId);
  if ('error' in result) return { values, errors: {}, failure: t('fr', result.error) };
  const param = values.intent === 'undo' ? 'retire' : 'marque';
  return { redirect: `${base}?${date}${search}${param}=${result.registration.id}#r-${result.registration.id}` };
}
