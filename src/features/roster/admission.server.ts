// Seats a trainer grants by hand: someone taken off the waitlist out of turn, someone let in
// at the door. Confirmed seats may never exceed the capacity (DESIGN rule 1), so the capacity
// grows to fit in the same write, and that growth is in the audit log.
import { and, eq, exists, gt, sql, type SQL } from 'drizzle-orm';
import { auditLog, registrations, sessions, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { insertColumns, type Statement } from '~/platform/db/query-parts';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { confirmedSeats, qualified } from '~/features/registration/seat-sql';
import { auditColumns, auditRegistrationsStatement, type Actor } from '~/features/audit/audit.server';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { recordNotices } from '~/features/notices/notices.server';

export function growCapacityToFit(db: Db, sessionId: number, actor: Actor, reason: string, now: number) {
  const seats = confirmedSeats(sessions.id);
  const overbooked = and(eq(sessions.id, sessionId), gt(seats, sessions.capacity));
  const details = sql`json_object('capacityBefore', ${qualified(sessions.capacity)}, 'capacity', ${seats}, 'reason', ${reason})`;
  const audited = auditColumns(actor, 'session.capacity-changed', 'session', sql<string>`cast(${qualified(sessions.id)} as text)`, details);
  return [
    db.insert(auditLog).select(db.select(audited).from(sessions).where(overbooked)),
    db.update(sessions).set({ capacity: seats, updatedAt: now }).where(overbooked),
  ] as const;
}

// The registration's session is in the state `condition` (over `sessions`) says.
function sessionIs(db: Db, condition: SQL | undefined) {
  return exists(
    db
      .select({ one: sql`1` })
      .from(sessions)
      .where(and(eq(sessions.id, registrations.sessionId), condition)),
  );
}

// Confirms one waitlisted person. `notify`: before the session they get the "promoted" email
// and invite; at the door (admitted while present) there is nothing left to tell them.
export function confirmByHandStatements(
  db: Db,
  sessionId: number,
  registrationId: number,
  op: string,
  actor: Actor,
  now: number,
  { notify, action }: { notify: boolean; action: string },
): Statement[] {
  const marked = eq(registrations.lastOp, op);
  return [
    db
      .update(registrations)
      .set({ status: 'confirmed', lastOp: op, updatedAt: now })
      .where(
        and(
          eq(registrations.id, registrationId),
          eq(registrations.sessionId, sessionId),
          eq(registrations.status, 'waitlisted'),
          sessionIs(db, eq(sessions.status, 'scheduled')),
        ),
      ),
    ...growCapacityToFit(db, sessionId, actor, action, now),
    ...(notify
      ? [
          queueRegistrationMessages(db, messageKind('promoted'), and(marked, gt(sessions.startsAt, now))),
          bumpInviteSequence(db, and(marked, sessionIs(db, gt(sessions.startsAt, now)))),
          recordNotices(db, 'promoted', and(marked, sessionIs(db, gt(sessions.startsAt, now)))),
        ]
      : []),
    auditRegistrationsStatement(db, actor, action, op),
  ];
}

// A person who had not booked, confirmed on the spot. A teacher's address links the seat to
// their account, so the training counts for their school's readiness.
export function walkInStatement(db: Db, sessionId: number, person: RegistrationInput, code: string, op: string, actor: Actor, now: number) {
  const teacher = db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`${qualified(sessions.audience)} = 'teacher'`, eq(users.role, 'teacher'), eq(users.email, sql`${person.email}`)));
  const columns = insertColumns(registrations, {
    sessionId: sessions.id,
    status: 'confirmed',
    queuedAt: now,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: person.phone,
    language: person.language,
    adults: person.adults,
    userId: sql<number | null>`${teacher}`,
    code,
    createdBy: actor.userId ?? null,
    lastOp: op,
    createdAt: now,
    updatedAt: now,
  });
  return db
    .insert(registrations)
    .select(
      db
        .select(columns)
        .from(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.status, 'scheduled'))),
    )
    .onConflictDoNothing()
    .returning({ id: registrations.id });
}
