// Promotion from the waitlist (DESIGN rule 3): in arrival order, the longest head of the
// waitlist that fits in the free seats is confirmed, in the same write that freed them.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { auditRegistrationsStatement, type Actor } from '~/features/audit/audit.server';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { awaitingApproval, confirmedSeats, openCapacity } from './seat-sql';
import { recordNotices } from '~/features/notices/notices.server';

// The promotion itself, one UPDATE: the waiting people whose running total of adults (in
// arrival order) fits in the seats left.
function promoteStatement(db: Db, sessionId: number, op: string, now: number) {
  const waiting = alias(registrations, 'w');
  const queue = db
    .select({
      id: waiting.id,
      cumulative: sql<number>`sum(${waiting.adults}) over (order by ${waiting.queuedAt}, ${waiting.id})`.as('cumulative'),
    })
    .from(waiting)
    // Someone awaiting the IEN's approval keeps their place but is skipped, and holds nobody back.
    .where(and(eq(waiting.sessionId, sessionId), eq(waiting.status, 'waitlisted'), sql`not ${awaitingApproval('w')}`))
    .as('queue');
  const seatsLeft = sql<number | null>`${openCapacity(sessionId, now)} - ${confirmedSeats(sessionId)}`;
  const fitting = db.select({ id: queue.id }).from(queue).where(lte(queue.cumulative, seatsLeft));
  return db.update(registrations).set({ status: 'confirmed', lastOp: op, updatedAt: now }).where(inArray(registrations.id, fitting));
}

export function promoteFromWaitlist(db: Db, sessionId: number, op: string, actor: Actor, now = Date.now()) {
  return [
    promoteStatement(db, sessionId, op, now),
    queueRegistrationMessages(db, messageKind('promoted'), eq(registrations.lastOp, op)),
    bumpInviteSequence(db, eq(registrations.lastOp, op)),
    auditRegistrationsStatement(db, actor, 'registration.promoted', op),
    // The trainer sees anyone promoted whom no message reached.
    recordNotices(db, 'promoted', eq(registrations.lastOp, op)),
  ] as const;
}
