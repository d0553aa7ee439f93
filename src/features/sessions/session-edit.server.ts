// Changing a planned session as a trainer asks for it. What attendees need not hear about
// (title, languages, notes) is saved here with an audit entry; time, place, capacity and
// cancellation go through session-changes.server.ts, which tells attendees and promotes from the
// waitlist in the same write.
import { and, eq } from 'drizzle-orm';
import { sessions } from '~db/schema';
import { checkTimes, type SessionEdit } from './session-input';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { schoolVenue, type SessionResult } from './plan-sessions.server';
import {
  CapacityBelowConfirmedError,
  cancelSession,
  changeCapacity,
  rescheduleSession,
  SessionChangeError,
  type SessionChanges,
} from './session-changes.server';
import { getSession, type SessionView } from './sessions.server';
import { notifiedBy } from '~/features/notices/notices.server';

// What attendees need not hear about.
const DETAILS = ['title', 'languages', 'interpreterNote', 'childcareNote', 'accessibilityNote', 'translations'] as const;
type Details = Partial<Pick<SessionView, (typeof DETAILS)[number]>>;

export function changeFailure(e: SessionChangeError): SessionResult {
  switch (e.reason) {
    case 'not-found':
      return { status: 404, error: 'errors.sessionNotFound' };
    case 'invalid-times':
      return { status: 422, errors: { endsAt: 'trainer.errors.endBeforeStart' } };
    case 'invalid-capacity':
      return { status: 422, errors: { capacity: 'trainer.errors.capacity' } };
    case 'below-confirmed':
      return belowConfirmed(e instanceof CapacityBelowConfirmedError ? e.confirmedSeats : 0);
    case 'cancelled':
      return { status: 409, error: 'trainer.errors.sessionCancelled' };
    case 'conflict':
      return { status: 409, error: 'trainer.errors.conflict' };
  }
}

function belowConfirmed(n: number): SessionResult {
  return { status: 409, error: 'trainer.errors.belowConfirmed', params: { n } };
}

function changedDetails(s: SessionView, edit: SessionEdit): Details {
  const out: Record<string, unknown> = {};
  for (const key of DETAILS) {
    const next = edit[key];
    if (next != null && JSON.stringify(next) !== JSON.stringify(s[key])) out[key] = next;
  }
  return out as Details;
}

async function saveDetails(db: Db, sessionId: number, details: Details, actor: Actor, now: number) {
  await db.batch([
    db
      .update(sessions)
      .set({ ...details, updatedAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.status, 'scheduled'))),
    auditStatement(db, actor, 'session.edited', 'session', sessionId, { fields: Object.keys(details) }),
  ]);
}

type Placed = { ok: true; changes: SessionChanges } | { ok: false; result: SessionResult };
type Times = { ok: true; startsAt: number; endsAt: number; shiftDates?: number } | { ok: false; result: SessionResult };

function singleTimes(s: SessionView, edit: SessionEdit, now: number): Times {
  const startsAt = edit.startsAt ?? s.startsAt;
  const endsAt = edit.endsAt ?? (edit.startsAt !== undefined ? edit.startsAt + (s.endsAt - s.startsAt) : s.endsAt);
  const timeErrors = checkTimes(startsAt, endsAt, now, s.startsAt);
  if (Object.keys(timeErrors).length) return { ok: false, result: { status: 422, errors: timeErrors } };
  return { ok: true, startsAt, endsAt };
}

// A course moves as a whole: a new start shifts every date by as much, its span with them (its
// dates change one by one through their own page and endpoint; an end alone changes nothing).
function courseTimes(s: SessionView, edit: SessionEdit, now: number): Times {
  const shift = edit.startsAt === undefined ? 0 : edit.startsAt - s.startsAt;
  const first = s.dates.find((d) => d.startsAt === s.startsAt) ?? s.dates[0]!;
  const timeErrors = shift ? checkTimes(first.startsAt + shift, first.endsAt + shift, now) : {};
  if (Object.keys(timeErrors).length) return { ok: false, result: { status: 422, errors: timeErrors } };
  return { ok: true, startsAt: s.startsAt + shift, endsAt: s.endsAt + shift, shiftDates: shift };
}

// The new time and place, whole. Moving only the start keeps the duration; choosing another
// school without naming a venue makes the school the venue.
async function placeAndTime(db: Db, s: SessionView, edit: SessionEdit, now: number): Promise<Placed> {
  const times = s.dates.length ? courseTimes(s, edit, now) : singleTimes(s, edit, now);
  if (!times.ok) return times;
  const { startsAt, endsAt, shiftDates } = times;
  const schoolUai = edit.schoolUai === undefined ? (s.school?.uai ?? null) : edit.schoolUai;
  const school = schoolUai && schoolUai !== s.school?.uai ? await schoolVenue(db, schoolUai) : null;
  if (schoolUai && schoolUai !== s.school?.uai && !school)
    return { ok: false, result: { status: 422, errors: { schoolUai: 'trainer.errors.school' } } };
  return {
    ok: true,
    changes: {
      startsAt,
      endsAt,
      shiftDates,
      schoolUai,
      venueName: edit.venueName || school?.name || s.venue.name,
      venueAddress: edit.venueAddress ?? school?.address ?? s.venue.address,
    },
  };
}

// Capacity is checked first, so a refused change leaves the session as it was.
export async function editSession(db: Db, s: SessionView, edit: SessionEdit, actor: Actor, now = Date.now()): Promise<SessionResult> {
  if (s.status !== 'scheduled') return { status: 409, error: 'trainer.errors.sessionCancelled' };
  if (edit.capacity !== undefined && edit.capacity < s.confirmedSeats) return belowConfirmed(s.confirmedSeats);
  const placed = await placeAndTime(db, s, edit, now);
  if (!placed.ok) return placed.result;
  let told: number;
  let promoted = 0;
  const ops: string[] = [];
  try {
    const details = changedDetails(s, edit);
    if (Object.keys(details).length) await saveDetails(db, s.id, details, actor, now);
    told = (await rescheduleSession(db, s.id, placed.changes, actor, now, ops)).attendees;
    if (edit.capacity !== undefined && edit.capacity !== s.capacity)
      promoted = (await changeCapacity(db, s.id, edit.capacity, actor, now, ops)).promoted;
  } catch (e) {
    if (e instanceof SessionChangeError) return changeFailure(e);
    throw e;
  }
  const session = await getSession(db, s.id, now);
  const notified = await notifiedBy(db, ops);
  return session ? { status: 200, session, told, promoted, notified } : { status: 404, error: 'errors.sessionNotFound' };
}

// Everyone booked or waiting is told, with the reason.
export async function cancelWithReason(db: Db, s: SessionView, reason: string, actor: Actor, now = Date.now()): Promise<SessionResult> {
  if (s.status !== 'scheduled') return { status: 409, error: 'trainer.errors.sessionCancelled' };
  if (s.endsAt <= now) return { status: 409, error: 'trainer.errors.sessionOver' };
  try {
    const ops: string[] = [];
    const { attendees } = await cancelSession(db, s.id, reason, actor, now, ops);
    const session = await getSession(db, s.id, now);
    const notified = await notifiedBy(db, ops);
    return session ? { status: 200, session, told: attendees, notified } : { status: 404, error: 'errors.sessionNotFound' };
  } catch (e) {
    if (e instanceof SessionChangeError) return changeFailure(e);
    throw e;
  }
}
