// Booking a seat (DESIGN rules 1–2): one statement takes it, with its message and audit entry.
// Finding a booking lives in find-registration.server.ts, sending its link again in resend-link.server.ts.
import { eq, sql } from 'drizzle-orm';
import { schools, sessions } from '~db/schema';
import type { RegistrationInput } from './registration-input';
import { newOp, type Actor } from '~/features/audit/audit.server';
import { preparedOnce } from '~/platform/db/prepared';
import { config } from '~/platform/config/config';
import { DEFAULT_LANG, localePath, type Lang } from '~/i18n';
import type { Db } from '~/platform/db/db.server';
import { planHits, type RateLimitRule } from '~/platform/http/rate-limit.server';
import { bookingBatch } from './seat-batch.server';
import { generateBookingCode, generateSecret, hashSecret, newCalendarUid } from '~/platform/text/tokens';
import { findOwnBooking, findSamePerson, getOwnRegistration, mintManageToken, type Registration } from './find-registration.server';
import { resendManageLink } from './resend-link.server';
import { PRIVACY_NOTICE_VERSION } from '~/features/privacy/notice';

export type BookingOutcome =
  | { kind: 'created' | 'existing'; registration: Registration; manageToken: string | null }
  // The person already holds a booking here: nothing about it is told, its link is sent again.
  | { kind: 'already-registered' }
  | { kind: 'not-found' }
  | { kind: 'closed'; reason: 'cancelled' | 'past' | 'wrong-audience' }
  | { kind: 'invalid-school' }
  // Over a rate limit given in `limits`: nothing was written but the counters.
  | { kind: 'rate-limited'; retryAfterSeconds: number };

export interface BookingRequest {
  sessionId: number;
  person: RegistrationInput;
  userId?: number | null;
  actor: Actor;
  audience?: 'parent' | 'teacher';
  // Staff booking someone at the gate: they read the roster anyway, so a repeat shows the booking.
  onBehalf?: boolean;
  // Rate limits to count with the booking; over any of them, no seat is taken.
  limits?: RateLimitRule[];
}

// Takes a seat or a waitlist place in one statement, queues the message and the audit entry
// in the same batch. A second submission by the same person returns the first booking.
// Without `limits`, a booking is never refused for them.
export function bookSeat(
  db: Db,
  req: BookingRequest & { limits?: undefined },
  now?: number,
): Promise<Exclude<BookingOutcome, { kind: 'rate-limited' }>>;
export function bookSeat(db: Db, req: BookingRequest, now?: number): Promise<BookingOutcome>;
export async function bookSeat(db: Db, req: BookingRequest, now = Date.now()): Promise<BookingOutcome> {
  const { person, sessionId } = req;
  const userId = req.userId ?? null;
  const createdBy = req.actor.kind === 'user' && req.actor.userId !== userId ? (req.actor.userId ?? null) : null;
  if (person.schoolUai) {
    const school = preparedOnce(db, 'booking.school', () =>
      db
        .select({ uai: schools.uai })
        .from(schools)
        .where(eq(schools.uai, sql.placeholder('uai')))
        .limit(1)
        .prepare(),
    );
    if (!(await school.get({ uai: person.schoolUai }))) return { kind: 'invalid-school' };
  }
  // The rate limits are counted in the booking's own write transaction: one round trip to a
  // libSQL server, one COMMIT on a file. Only the first attempt counts them.
  let limits = req.limits?.length && config.rateLimit ? await planHits(db, req.limits, now) : undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const token = generateSecret();
    const code = generateBookingCode();
    const op = newOp();
    const n = limits ? req.limits!.length : 0;
    const results = await bookingBatch(
      db,
      Boolean(req.audience),
      n,
    )({
      ...limits?.values,
      sessionId,
      now,
      audience: req.audience ?? null,
      ...withoutNeeds(person),
      needsJson: person.needs ? JSON.stringify(person.needs) : null,
      userId,
      createdBy,
      manageTokenHash: hashSecret(token),
      code,
      // Per booking: the statement is built once, so a column default computed in JavaScript would be too.
      calendarUid: newCalendarUid(),
      op,
      actorKind: req.actor.kind,
      actorUserId: req.actor.userId ?? null,
      consentAt: req.onBehalf ? null : now,
      consentVersion: req.onBehalf ? null : PRIVACY_NOTICE_VERSION,
    });
    if (limits) {
      const verdict = limits.judge(results.slice(0, n).map((r) => (r as { count: number }[])[0]?.count));
      if (!verdict.allowed) return { kind: 'rate-limited', retryAfterSeconds: verdict.retryAfterSeconds };
      limits = undefined;
    }
    const row = (results[n] as { id: number; status: Registration['status']; calendarUid: string | null }[])[0];
    if (row) {
      // A seat is what was just written; a waitlist place needs its position.
      const registration =
        row.status === 'waitlisted'
          ? await getOwnRegistration(db, row.id)
          : newRegistration({ ...row, sessionId, code, person, userId, createdBy, now });
      if (registration) return { kind: 'created', registration, manageToken: token };
    }
    // Through a sqld 0.24 replica, a forwarded batch sometimes answers "nothing changed" though
    // it committed (README "Several instances"): the row carrying this attempt's marker says.
    const mine = row ? null : await findOwnBooking(db, op);
    if (mine) return { kind: 'created', registration: mine, manageToken: token };
    const outcome = await explainNoInsert(db, req, now);
    if (outcome) return outcome;
    // Nothing matched: the random code collided with an existing one; try another.
  }
  throw new Error('Could not allocate a booking code');
}

function withoutNeeds({ needs: _needs, ...rest }: RegistrationInput): Omit<RegistrationInput, 'needs'> {
  return rest;
}

// The row as the booking batch left it: the confirmation's invite went out at sequence 0,
// so the next one is 1.
function newRegistration(r: {
  id: number;
  status: Registration['status'];
  calendarUid: string | null;
  sessionId: number;
  code: string;
  person: RegistrationInput;
  userId: number | null;
  createdBy: number | null;
  now: number;
}): Registration {
  const { person } = r;
  return {
    id: r.id,
    sessionId: r.sessionId,
    status: r.status,
    code: r.code,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: person.phone,
    childSchoolUai: person.schoolUai,
    language: person.language,
    adults: person.adults,
    userId: r.userId,
    createdBy: r.createdBy,
    inviteSequence: 1,
    calendarUid: r.calendarUid,
    waitlistPosition: null,
    cancelledAt: null,
    erasedAt: null,
    createdAt: r.now,
  };
}

async function explainNoInsert(db: Db, req: BookingRequest, now: number): Promise<BookingOutcome | null> {
  const [s] = await db
    .select({ status: sessions.status, startsAt: sessions.startsAt, audience: sessions.audience })
    .from(sessions)
    .where(eq(sessions.id, req.sessionId))
    .limit(1);
  if (!s) return { kind: 'not-found' };
  if (s.status !== 'scheduled') return { kind: 'closed', reason: 'cancelled' };
  if (s.startsAt <= now) return { kind: 'closed', reason: 'past' };
  if (req.audience && s.audience !== req.audience) return { kind: 'closed', reason: 'wrong-audience' };
  const existing = await findSamePerson(db, req.sessionId, { ...req.person, userId: req.userId ?? null });
  if (!existing) return null;
  if (req.onBehalf) return { kind: 'existing', registration: existing, manageToken: null };
  // A signed-in teacher proved who they are: their own booking back, with a fresh link.
  if (req.userId != null && existing.userId === req.userId) {
    return { kind: 'existing', registration: existing, manageToken: await mintManageToken(db, existing.id) };
  }
  // Anyone may know a parent's phone, email and name: the answer says nothing about the booking,
  // and its link goes to the contact on file instead (DESIGN rule 2).
  await resendManageLink(db, existing.id, req.actor);
  return { kind: 'already-registered' };
}

// `/r/<token>` (the API's contract), or `/ar/r/<token>`, `/en/r/<token>` for a message in
// that language, so the page opens in the language the person reads.
export function manageUrl(token: string, lang: Lang = DEFAULT_LANG) {
  return `${config.publicUrl}${localePath(lang, `/r/${token}`)}`;
}

export function registrationJson(r: Registration, token: string | null) {
  return {
    id: r.id,
    status: r.status,
    code: r.code,
    waitlistPosition: r.waitlistPosition,
    adults: r.adults,
    manageUrl: token ? manageUrl(token) : null,
    icsUrl: token ? `${manageUrl(token)}/invite.ics` : null,
  };
}
