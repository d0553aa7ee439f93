// The booking's one write transaction, built once per shape (prepared-batch.ts): its rate-limit
// hits, the seat taken in one statement (DESIGN rule 1), the message and the audit entry.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { PreparedQuery } from 'drizzle-orm/session';
import { registrations, sessions } from '~db/schema';
import type { RegistrationInput } from './registration-input';
import type { Registration } from './find-registration.server';
import { auditRegistrationsStatement, type Actor } from '~/features/audit/audit.server';
import { preparedBatch, type Placeholders } from '~/platform/db/prepared-batch';
import { preparedOnce } from '~/platform/db/prepared';
import type { Db } from '~/platform/db/db.server';
import { batchOf, frozen, insertColumns, type Statement } from '~/platform/db/query-parts';
import { hitStatement, type Hits } from '~/platform/http/rate-limit.server';
import { bumpInviteSequence, kindOfNewBooking, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { bookerAwaitsApproval, confirmedSeats, nobodyWaiting, qualified } from './seat-sql';

// What one booking fills into its batch.
export type BookingValues = Omit<RegistrationInput, 'needs'> & {
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
export function bookingBatch(db: Db, checkAudience: boolean, n: number) {
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
      and not ${bookerAwaitsApproval(sessions.id, p.userId)}
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
