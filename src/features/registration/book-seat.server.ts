// Booking a seat (DESIGN rules 1–2): one statement takes it, with its message and audit entry.
// Finding a booking lives in find-registration.server.ts, sending its link again in resend-link.server.ts.
import { and, eq, gt, sql } from 'drizzle-orm';
import { registrations, schools, sessions } from '~db/schema';
import type { RegistrationInput } from './registration-input';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import { preparedBatch, type Placeholders } from '~/platform/db/prepared-batch';
import { preparedOnce } from '~/platform/db/prepared';
import { config } from '~/platform/config/config';
import { DEFAULT_LANG, localePath, type Lang } from '~/i18n';
import type { Db } from '~/platform/db/db.server';
import { batchOf, frozen, insertColumns, type Statement } from '~/platform/db/query-parts';
import { hitStatement, planHits, type Hits, type RateLimitRule } from '~/platform/http/rate-limit.server';
import type { PreparedQuery } from 'drizzle-orm/session';
import { bumpInviteSequence, kindOfNewBooking, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { generateBookingCode, generateSecret, hashSecret, newCalendarUid } from '~/platform/text/tokens';
import { confirmedSeats, nobodyWaiting, qualified } from './seat-sql';
import { findSamePerson, getRegistration, mintManageToken, type Registration } from './find-registration.server';
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
      op: newOp(),
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
          ? await getRegistration(db, row.id)
          : newRegistration({ ...row, sessionId, code, person, userId, createdBy, now });
      if (registration) return { kind: 'created', registration, manageToken: token };
    }
    const outcome = await explainNoInsert(db, req, now);
    if (outcome) return outcome;
    // Nothing matched: the random code collided with an existing one; try another.
  }
  throw new Error('Could not allocate a booking code');
}

function withoutNeeds({ needs: _needs, ...rest }: RegistrationInput): Omit<RegistrationInput, 'needs'> {
  return rest;
}

// What one booking fills into its batch.
type BookingValues = Omit<RegistrationInput, 'needs'> & {
  // The JSON text, bound as is (through the column, a null would become the text 'null').
  needsJson: string | null;
  sessionId: number;
  now: number;
  audience: 'parent' | 'teacher' | null;
  userId: number | null;
  createdBy: number | null;
  manageTokenHash: string;
  code: string;
  calendarUid: string;
  op: string;
  actorKind: Actor['kind'];
  actorUserId: number | null;
  consentAt: number | null;
  consentVersion: string | null;
};

// The booking batch, built once per shape (checking the audience or not, `n` rate-limit hits
// first): the hits, the seat, its message and the audit entry, found by the batch's `last_op` marker.
function bookingBatch(db: Db, checkAudience: boolean, n: number) {
  return preparedOnce(db, `booking:${checkAudience ? 'audience' : 'any'}:${n}`, () =>
    preparedBatch(db, (p: Placeholders<BookingValues & Hits>) => {
      const ours = eq(registrations.lastOp, p.op);
      return batchOf<Statement & { prepare(): PreparedQuery }>([
        ...Array.from({ length: n }, (_, i) => hitStatement(db, p[`key${i}`]!, p[`window${i}`]!)),
        takeSeatStatement(db, p, checkAudience, n),
        queueRegistrationMessages(db, kindOfNewBooking, ours),
        bumpInviteSequence(db, and(ours, eq(registrations.status, 'confirmed'))),
        auditRegistrationsStatement(db, { kind: p.actorKind, userId: p.actorUserId }, 'registration.created', p.op),
      ]);
    }),
  );
}

// Within every limit, as the hits before it in the transaction left the counters.
function withinLimits(p: Placeholders<Hits>, n: number) {
  if (!n) return undefined;
  const over = Array.from(
    { length: n },
    (_, i) => sql`("rate_limits"."key" = ${p[`key${i}`]} and "rate_limits"."count" > ${p[`limit${i}`]})`,
  );
  return sql`not exists (select 1 from "rate_limits" where ${sql.join(over, sql` or `)})`;
}

// The seat rule in one statement: a seat if nobody is waiting and the adults fit, else a
// waitlist place; nothing at all if the session is not open to this booking (or the person
// already holds one there: the unique indexes, DESIGN rule 2).
const capacity = frozen(sql<number>`${qualified(sessions.capacity)}`);

function takeSeatStatement(db: Db, p: Placeholders<BookingValues & Hits>, checkAudience: boolean, limits: number) {
  const status = sql<
    Registration['status']
  >`case when ${nobodyWaiting(sessions.id)} and ${confirmedSeats(sessions.id)} + ${p.adults} <= ${capacity}
    then 'confirmed' else 'waitlisted' end`;
  const taken = db
    .select(
      insertColumns(registrations, {
        sessionId: sessions.id,
        status,
        queuedAt: p.now,
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
        phone: p.phone,
        childSchoolUai: p.schoolUai,
        language: p.language,
        adults: p.adults,
        needs: sql`${p.needsJson}`,
        userId: p.userId,
        manageTokenHash: p.manageTokenHash,
        code: p.code,
        calendarUid: p.calendarUid,
        createdBy: p.createdBy,
        lastOp: p.op,
        // Someone booked at the gate by staff saw no notice: nothing is recorded as agreed.
        consentAt: p.consentAt,
        consentVersion: p.consentVersion,
        createdAt: p.now,
        updatedAt: p.now,
      }),
    )
    .from(sessions)
    .where(
      and(
        eq(sessions.id, p.sessionId),
        eq(sessions.status, 'scheduled'),
        gt(sessions.startsAt, p.now),
        checkAudience ? eq(sessions.audience, p.audience) : undefined,
        withinLimits(p, limits),
      ),
    );
  return db
    .insert(registrations)
    .select(taken)
    .onConflictDoNothing()
    .returning({ id: registrations.id, status: registrations.status, calendarUid: registrations.calendarUid });
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
