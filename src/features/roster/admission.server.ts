// Seats a trainer grants by hand: someone taken off the waitlist out of turn, someone let in
// at the door. Confirmed seats may never exceed the capacity (DESIGN rule 1), so the capacity
// grows to fit in the same write, and that growth is in the audit log.
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import type { Db } from '~/platform/db/db.server';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { auditRegistrationsStatement, type Actor } from '~/features/audit/audit.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';

const confirmedSeats = (sessionRef: string) =>
  `(select coalesce(sum(c.adults), 0) from registrations c where c.session_id = ${sessionRef} and c.status = 'confirmed')`;

export function growCapacityToFit(sessionId: number, actor: Actor, reason: string, now: number): InStatement[] {
  return [
    {
      sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
            select ?, ?, 'session.capacity-changed', 'session', cast(s.id as text),
              json_object('capacityBefore', s.capacity, 'capacity', ${confirmedSeats('s.id')}, 'reason', ?)
            from sessions s where s.id = ? and ${confirmedSeats('s.id')} > s.capacity`,
      args: [actor.userId ?? null, actor.kind, reason, sessionId],
    },
    {
      sql: `update sessions set capacity = ${confirmedSeats('sessions.id')}, updated_at = ?
            where id = ? and ${confirmedSeats('sessions.id')} > capacity`,
      args: [now, sessionId],
    },
  ];
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
): InStatement[] {
  const upcoming = 'exists (select 1 from sessions s2 where s2.id = registrations.session_id and s2.starts_at > ?)';
  return [
    {
      sql: `update registrations set status = 'confirmed', last_op = ?, updated_at = ?
            where id = ? and session_id = ? and status = 'waitlisted'
              and exists (select 1 from sessions s where s.id = registrations.session_id and s.status = 'scheduled')`,
      args: [op, now, registrationId, sessionId],
    },
    ...growCapacityToFit(sessionId, actor, action, now),
    ...(notify
      ? [queueRegistrationMessages(`'promoted'`, 'r.last_op = ? and s.starts_at > ?', [op, now]), bumpInviteSequence(`last_op = ? and ${upcoming}`, [op, now])]
      : []),
    asStatement(auditRegistrationsStatement(db, actor, action, op)),
  ];
}

// A person who had not booked, confirmed on the spot. A teacher's address links the seat to
// their account, so the training counts for their school's readiness.
export function walkInStatement(sessionId: number, person: RegistrationInput, code: string, op: string, actor: Actor, now: number): InStatement {
  return {
    sql: `insert into registrations (session_id, status, queued_at, first_name, last_name, email, phone, language, adults,
            user_id, code, created_by, last_op, created_at, updated_at)
          select s.id, 'confirmed', ?, ?, ?, ?, ?, ?, ?,
            (select u.id from users u where s.audience = 'teacher' and u.role = 'teacher' and u.email = ?),
            ?, ?, ?, ?, ?
          from sessions s where s.id = ? and s.status = 'scheduled'
          on conflict do nothing`,
    args: [
      now, person.firstName, person.lastName, person.email, person.phone, person.language, person.adults,
      person.email, code, actor.userId ?? null, op, now, now, sessionId,
    ],
  };
}
