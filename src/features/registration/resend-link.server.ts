// "Here is your link again": for a person who booked twice or lost their link (DESIGN rule 2).
import { eq } from 'drizzle-orm';
import { registrations } from '~db/schema';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';

// Queues the "here is your link again" message (the worker mints the link when it sends) and
// its audit entry, in one write. At most one message per booking every 10 minutes (its dedupe key).
export async function resendManageLink(db: Db, registrationId: number, actor: Actor) {
  const op = newOp();
  const marked = eq(registrations.lastOp, op);
  await db.batch([
    db.update(registrations).set({ lastOp: op }).where(eq(registrations.id, registrationId)),
    queueRegistrationMessages(db, messageKind('link-resent'), marked),
    auditRegistrationsStatement(db, actor, 'registration.link-resent', op),
  ]);
}
