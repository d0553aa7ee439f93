// One booking request, from a form or the API, to one outcome with its HTTP meaning.
// Parents book without an account; teacher sessions take a signed-in, confirmed teacher.
import { parseRegistration, type FieldErrors, type RegistrationInput } from './registration-input';
import type { Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { decide } from '~/features/auth/permissions';
import { rule } from '~/platform/http/rate-limit.server';
import { bookSeat } from './book-seat.server';
import { type Registration } from './find-registration.server';
import { bookingGate, getSession } from '~/features/sessions/sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { countBooking } from './booking-metrics';
import { approvalStep } from '~/features/courses/approval.server';

export type Booker = SessionUser;

export type BookingResult =
  | { status: 201 | 200; registration: Registration; manageToken: string | null }
  // A repeat by contact: 200 as the same person again, but nothing about the booking.
  | { status: 200; alreadyRegistered: true; language: RegistrationInput['language'] }
  | { status: 422; errors: FieldErrors }
  | { status: 404 | 409 | 401 | 403; error: string }
  | { status: 429; error: string; retryAfterSeconds: number }
  // In school time, a track may need the inspector's approval first: the request waits, no seat held.
  | { status: 202; approval: { id: number; approverEmail: string } }
  // Two adults, one seat left: the form asks before waitlisting them (one adult now, or both wait).
  | { status: 409; seatChoice: { seatsLeft: number } };

function teacherAsPerson(user: Booker, language: RegistrationInput['language']): RegistrationInput {
  const [firstName, ...rest] = user.name.trim().split(/\s+/);
  return {
    firstName: firstName ?? user.name,
    lastName: rest.join(' ') || firstName || user.name,
    email: user.email,
    phone: null,
    schoolUai: user.schoolUai,
    language,
    adults: 1,
  };
}

type BookingAsk = { sessionId: number; body: unknown; user: Booker | null; address: string; askBeforeWaitlist?: boolean };

async function seatsFor(db: Db, sessionId: number): Promise<{ seatsLeft: number; waitlistLength: number }> {
  const session = await getSession(db, sessionId);
  return { seatsLeft: session?.seatsLeft ?? 0, waitlistLength: session?.waitlistLength ?? 0 };
}

export async function requestBooking(db: Db, ask: BookingAsk): Promise<BookingResult> {
  const session = await bookingGate(db, ask.sessionId);
  const result = await decideBooking(db, session, ask);
  countBooking(session?.audience ?? null, result);
  return result;
}

async function decideBooking(
  db: Db,
  session: Awaited<ReturnType<typeof bookingGate>>,
  { sessionId, body, user, address, askBeforeWaitlist = false }: BookingAsk,
): Promise<BookingResult> {
  if (!session) return { status: 404, error: 'errors.sessionNotFound' };
  if (session.status === 'cancelled') return { status: 409, error: 'errors.sessionCancelled' };
  if (session.startsAt <= Date.now()) return { status: 409, error: 'errors.sessionPast' };

  let person: RegistrationInput;
  let userId: number | null = null;
  if (session.audience === 'teacher') {
    const decision = decide(user, 'book-teacher-session');
    if (decision === 'unauthenticated' || !user) return { status: 401, error: 'errors.signInRequired' };
    if (decision === 'unconfirmed') return { status: 403, error: 'auth.errors.emailNotConfirmed' };
    if (decision !== 'allowed') return { status: 403, error: 'errors.wrongAudience' };
    const lang = (body as { language?: unknown } | null)?.language;
    person = teacherAsPerson(user, lang === 'ar' || lang === 'en' ? lang : 'fr');
    userId = user.id;
  } else {
    const parsed = parseRegistration(body);
    if (!parsed.ok) return { status: 422, errors: parsed.errors };
    person = parsed.value;
  }
  if (askBeforeWaitlist && person.adults > 1 && !(body as { confirmWaitlist?: unknown }).confirmWaitlist) {
    const seats = await seatsFor(db, sessionId);
    if (seats.seatsLeft > 0 && seats.seatsLeft < person.adults && seats.waitlistLength === 0) return { status: 409, seatChoice: seats };
  }
  // Per address and per person: one phone cannot flood a session, one address cannot flood the portal.
  const limits = [
    rule('bookingPerAddress', address),
    ...(person.email || person.phone ? [rule('bookingPerContact', person.email ?? person.phone ?? '')] : []),
  ];
  // A teacher track in school time may need the IEN's approval first (one pending request per
  // teacher and session, by a unique index: nothing to rate-limit).
  if (session.audience === 'teacher' && user) {
    const approval = await approvalStep(db, sessionId, user);
    if (approval) return { status: 202, approval };
  }
  const actor: Actor = user ? { kind: 'user', userId: user.id } : { kind: 'anonymous' };
  const outcome = await bookSeat(db, { sessionId, person, userId, actor, audience: session.audience, limits });
  switch (outcome.kind) {
    case 'created':
      return { status: 201, registration: outcome.registration, manageToken: outcome.manageToken };
    case 'existing':
      return { status: 200, registration: outcome.registration, manageToken: outcome.manageToken };
    case 'already-registered':
      return { status: 200, alreadyRegistered: true, language: person.language };
    case 'rate-limited':
      return { status: 429, error: 'form.tooMany', retryAfterSeconds: outcome.retryAfterSeconds };
    case 'invalid-school':
      return { status: 422, errors: { schoolUai: 'errors.invalidSchool' } };
    case 'not-found':
      return { status: 404, error: 'errors.sessionNotFound' };
    case 'closed':
      return {
        status: 409,
        error:
          outcome.reason === 'past'
            ? 'errors.sessionPast'
            : outcome.reason === 'cancelled'
              ? 'errors.sessionCancelled'
              : 'errors.wrongAudience',
      };
  }
}
