// Promotion from the waitlist (DESIGN rule 3): in arrival order, the longest head of the
// waitlist that fits in the free seats is confirmed, in the same write that freed them.
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import type { Db } from '~/platform/db/db.server';
import { auditRegistrationsStatement, type Actor } from '~/features/audit/audit.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';

export function promoteFromWaitlist(db: Db, sessionId: number, op: string, actor: Actor, now = Date.now()): InStatement[] {
  return [
    {
      sql: `update registrations set status = 'confirmed', last_op = ?, updated_at = ?
        where id in (
          select id from (
            select w.id, sum(w.adults) over (order by w.queued_at, w.id) as cumulative
            from registrations w where w.session_id = ? and w.status = 'waitlisted'
          ) where cumulative <= (
            (select s.capacity from sessions s where s.id = ? and s.status = 'scheduled' and s.starts_at > ?)
            - (select coalesce(sum(c.adults), 0) from registrations c where c.session_id = ? and c.status = 'confirmed')
          )
        )`,
      args: [op, now, sessionId, sessionId, now, sessionId],
    },
    queueRegistrationMessages(`'promoted'`, 'r.last_op = ?', [op]),
    bumpInviteSequence('last_op = ?', [op]),
    asStatement(auditRegistrationsStatement(db, actor, 'registration.promoted', op)),
  ];
}
