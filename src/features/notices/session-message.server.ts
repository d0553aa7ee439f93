// Messaging everyone booked on a session (confirmed seats): one batch marks them, queues an
// email and an SMS for each contact they gave, records who had to be reached, and audits it.
import { and, eq } from 'drizzle-orm';
import { registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { auditStatement, newOp, type Actor } from '~/features/audit/audit.server';
import { messageKind, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { notifiedBy, recordNotices, type Notified } from './notices.server';
import type { TrainerMessage } from './session-message';

export async function messageEveryoneBooked(
  db: Db,
  sessionId: number,
  message: TrainerMessage,
  actor: Actor,
  now = Date.now(),
): Promise<{ people: number; notified: Notified }> {
  const op = newOp();
  const marked = eq(registrations.lastOp, op);
  const [markedRows] = await db.batch([
    db
      .update(registrations)
      .set({ lastOp: op, updatedAt: now })
      .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'confirmed'))),
    queueRegistrationMessages(db, messageKind('session-message'), marked, { message }),
    recordNotices(db, 'session-message', marked),
    auditStatement(db, actor, 'session.messaged', 'session', sessionId, { op, languages: Object.keys(message), message }),
  ]);
  return { people: markedRows.rowsAffected, notified: await notifiedBy(db, [op]) };
}
