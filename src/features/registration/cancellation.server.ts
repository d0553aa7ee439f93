// Cancelling a booking: the seat goes to the waitlist in the same write, the person hears it,
// and someone acting through their own manage link is erased too (DESIGN rules 3, 6).
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { registrations } from '~db/schema';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { eraseStatement } from '~/features/privacy/erasure.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { getRegistration, type Registration } from './book-seat.server';
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
  const statements: InStatement[] = [
    // Someone leaving the waitlist hears it too, without an invite: read before the update,
    // so the waitlist place is what the database holds, not what this request last saw.
    queueRegistrationMessages(`'waitlist-left'`, `r.id = ? and r.status = 'waitlisted'`, [registration.id]),
    {
      sql: `update registrations set status = 'cancelled', cancelled_at = ?, updated_at = ?, last_op = ? where id = ? and status <> 'cancelled'`,
      args: [now, now, op, registration.id],
    },
    // Only someone who received an invite needs its cancellation.
    queueRegistrationMessages(`'cancelled'`, 'r.last_op = ? and r.invite_sequence > 0', [op]),
    bumpInviteSequence('last_op = ?', [op]),
    asStatement(auditRegistrationsStatement(db, actor, erase ? 'registration.cancelled-and-erased' : 'registration.cancelled', op)),
  ];
  if (erase) statements.push(asStatement(eraseStatement(db, eq(registrations.lastOp, op), now)));
  statements.push(...promoteFromWaitlist(db, registration.sessionId, newOp(), actor, now));
  await db.$client.batch(statements, 'write');
  return getRegistration(db, registration.id);
}
