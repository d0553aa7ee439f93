// The outbox's state machine in SQL: pending → sending (leased) → sent | pending (retry) |
// failed; held while no SMTP server is configured. Every transition is one conditional
// statement, so several workers in several instances never send a message twice.
import type { InStatement } from '@libsql/client';
import type { Db } from '~/platform/db/db.server';

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  kind: string;
  registrationId: number | null;
  recipient: string;
  language: string;
  // A RegistrationMessagePayload for booking messages; account emails have their own shape.
  payload: Record<string, unknown>;
  status: 'pending' | 'held' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  sentAt: number | null;
  createdAt: number;
}

export function toOutboxRow(row: Record<string, unknown>): OutboxRow {
  const n = (v: unknown) => (v == null ? null : Number(v));
  return {
    id: Number(row.id),
    dedupeKey: String(row.dedupe_key),
    kind: String(row.kind),
    registrationId: n(row.registration_id),
    recipient: String(row.recipient),
    language: String(row.language),
    payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
    status: row.status as OutboxRow['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    leaseOwner: (row.lease_owner as string | null) ?? null,
    leaseUntil: n(row.lease_until),
    lastError: (row.last_error as string | null) ?? null,
    sentAt: n(row.sent_at),
    createdAt: Number(row.created_at),
  };
}

// Claims due messages (and those whose worker died holding them). A message waits while an
// earlier one for the same registration is unsent, so a cancellation never overtakes the
// invite it cancels.
export async function claimDue(db: Db, owner: string, { now, leaseMs, limit }: { now: number; leaseMs: number; limit: number }) {
  const rs = await db.$client.execute({
    sql: `update outbox set status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where ((o.status = 'pending' and o.next_attempt_at <= ?) or (o.status = 'sending' and o.lease_until < ?))
          and not exists (select 1 from outbox e where e.status in ('pending', 'sending')
            and e.registration_id = o.registration_id and e.id < o.id)
        order by o.next_attempt_at, o.id limit ?)
      returning *`,
    args: [owner, now + leaseMs, now, now, limit],
  });
  return (rs.rows as unknown as Record<string, unknown>[]).map(toOutboxRow).sort((a, b) => a.id - b.id);
}

// Once a person is erased, what the outbox still knows about them goes too, as soon as
// nothing is left to send them.
const SCRUB = `recipient = '', last_error = replace(last_error, recipient, '[erased]'),
  payload = json_set(json_remove(payload, '$.firstName', '$.lastName', '$.email', '$.name', '$.url'), '$.erased', json('true'))`;

// An erasure (personal-data.server.ts): the messages `where` picks lose everything that names their
// person now; those still waiting are given up (a message nobody can be named in is no use).
// A message being sent at this moment is left to the worker, whose markSent scrubs it.
export function forgetRecipientStatements(where: string, args: (string | number)[]): InStatement[] {
  return [
    {
      sql: `update outbox set status = 'failed', last_error = 'Données personnelles effacées', lease_owner = null, lease_until = null
            where status in ('pending', 'held') and (${where})`,
      args,
    },
    { sql: `update outbox set ${SCRUB} where status in ('sent', 'failed') and recipient <> '' and (${where})`, args },
  ];
}

function scrubErased(registrationId: number | null): InStatement[] {
  if (registrationId == null) return [];
  return [
    {
      sql: `update outbox set ${SCRUB}
        where registration_id = ? and status in ('sent', 'failed') and recipient <> ''
          and exists (select 1 from registrations r where r.id = outbox.registration_id and r.erased_at is not null)
          and not exists (select 1 from outbox e where e.registration_id = outbox.registration_id and e.status in ('pending', 'held', 'sending'))`,
      args: [registrationId],
    },
  ];
}

export async function scrubErasedRecipients(db: Db): Promise<number> {
  const rs = await db.$client.execute(`update outbox set ${SCRUB}
    where status in ('sent', 'failed') and recipient <> ''
      and registration_id in (select id from registrations where erased_at is not null)
      and not exists (select 1 from outbox e where e.registration_id = outbox.registration_id and e.status in ('pending', 'held', 'sending'))`);
  return rs.rowsAffected;
}

export async function markSent(db: Db, row: OutboxRow, owner: string, now: number): Promise<boolean> {
  const [rs] = await db.$client.batch(
    [
      {
        sql: `update outbox set status = 'sent', sent_at = ?, last_error = null, lease_owner = null, lease_until = null
              where id = ? and lease_owner = ? and status = 'sending'`,
        args: [now, row.id, owner],
      },
      // A payload's `url` is a secret link (account emails): once delivered, it is dropped.
      {
        sql: `update outbox set payload = json_set(json_remove(payload, '$.url'), '$.linkRemoved', json('true'))
              where id = ? and status = 'sent' and json_extract(payload, '$.url') is not null`,
        args: [row.id],
      },
      ...scrubErased(row.registrationId),
    ],
    'write',
  );
  return rs!.rowsAffected === 1;
}

export async function markRetry(db: Db, row: OutboxRow, owner: string, error: string, at: number) {
  await db.$client.execute({
    sql: `update outbox set status = 'pending', next_attempt_at = ?, last_error = ?, lease_owner = null, lease_until = null
          where id = ? and lease_owner = ? and status = 'sending'`,
    args: [at, error, row.id, owner],
  });
}

export async function markFailed(db: Db, row: OutboxRow, owner: string, error: string) {
  await db.$client.batch(
    [
      {
        sql: `update outbox set status = 'failed', last_error = ?, lease_owner = null, lease_until = null
              where id = ? and lease_owner = ? and status = 'sending'`,
        args: [error, row.id, owner],
      },
      ...scrubErased(row.registrationId),
    ],
    'write',
  );
}

// Gives back messages claimed but not attempted (shutdown): they were never tried.
export async function releaseClaims(db: Db, ids: number[], owner: string) {
  if (!ids.length) return;
  await db.$client.execute({
    sql: `update outbox set status = 'pending', attempts = max(attempts - 1, 0), lease_owner = null, lease_until = null
          where lease_owner = ? and status = 'sending' and id in (${ids.map(() => '?').join(', ')})`,
    args: [owner, ...ids],
  });
}

// No SMTP server: messages wait as `held` where admins can read them.
export async function holdPending(db: Db): Promise<number> {
  const rs = await db.$client.execute(`update outbox set status = 'held' where status = 'pending'`);
  return rs.rowsAffected;
}

export async function releaseHeld(db: Db, now: number): Promise<number> {
  const rs = await db.$client.execute({ sql: `update outbox set status = 'pending', next_attempt_at = ? where status = 'held'`, args: [now] });
  return rs.rowsAffected;
}
