// Cancelling a booking: the seat goes to the waitlist in the same write, the person hears it,
// and someone acting through their own manage link is erased too (DESIGN rules 3, 6).
import { and, eq, gt, ne } from 'drizzle-orm';
import { registrations } from '~db/schema';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { eraseStatement } from '~/features/privacy/erasure.server';
import { bumpInviteSequence, messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { getOwnRegistration, type Registration } from './find-registration.server';
import { promoteFromWaitlist } from './waitlist.server';

// Cancels a booking, frees its seats for the waitlist in the same write, and (for a person
// acting through their manage link) erases their name and contacts (DESIGN rule 6).
export async function cancelRegistration(
  db: Db,
  registration: Registration,
  actor: Actor,
  { erase = false } = {},
  now = Date.now(),
): Promise<Registration | null> {
  if (registration.status === 'cancelled') return registration;
  const op = newOp();
  const marked = eq(registrations.lastOp, op);
  await db.batch([
    // Someone leaving the waitlist hears it too, without an invite: read before the update,
    // so the waitlist place is what the database holds, not what this request last saw.
    queueRegistrationMessages(
      db,
      messageKind('waitlist-left'),
      and(eq(registrations.id, registration.id), eq(registrations.status, 'waitlisted')),
    ),
    db
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now, lastOp: op })
      .where(and(eq(registrations.id, registration.id), ne(registrations.status, 'cancelled'))),
    // Only someone who received an invite needs its cancellation.
    queueRegistrationMessages(db, messageKind('cancelled'), and(marked, gt(registrations.inviteSequence, 0))),
    bumpInviteSequence(db, marked),
    auditRegistrationsStatement(db, actor, erase ? 'registration.cancelled-and-erased' : 'registration.cancelled', op),
    ...(erase ? [eraseStatement(db, marked, now)] : []),
    ...promoteFromWaitlist(db, registration.sessionId, newOp(), actor, now),
  ]);
  // Cancelled now, by this write or an earlier one: a replica still showing it live is behind.
  return getOwnRegistration(db, registration.id, (r) => r.status === 'cancelled');
}
