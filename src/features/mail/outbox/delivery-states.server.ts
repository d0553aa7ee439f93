// The outbox's state machine in SQL: pending → sending (leased) → sent | pending (retry) |
// failed; an SMS then goes on to delivered or failed by its receipts; held while its channel
// has no server configured (SMTP_URL, SMS_URL). Every transition is one conditional
// statement, so several workers in several instances never send a message twice.
import { and, asc, eq, exists, inArray, isNotNull, lt, lte, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { outbox, registrations, type OutboxChannel } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { qualified } from '~/features/registration/seat-sql';
import type { Statement } from '~/platform/db/query-parts';

// A RegistrationMessagePayload in `payload` for booking messages; account emails have their own shape.
export type OutboxRow = typeof outbox.$inferSelect;

const released = { leaseOwner: null, leaseUntil: null } as const;

// Claims due messages of `channels` (and those whose worker died holding them). A message
// waits while an earlier one for the same registration on its channel is unsent, so a
// cancellation never overtakes the invite it cancels.
export async function claimDue(
  db: Db,
  owner: string,
  { now, leaseMs, limit, channels = ['email'] }: { now: number; leaseMs: number; limit: number; channels?: OutboxChannel[] },
): Promise<OutboxRow[]> {
  const o = alias(outbox, 'o');
  const e = alias(outbox, 'e');
  const earlierUnsent = db
    .select({ one: sql`1` })
    .from(e)
    .where(
      and(inArray(e.status, ['pending', 'sending']), eq(e.registrationId, o.registrationId), eq(e.channel, o.channel), lt(e.id, o.id)),
    );
  const due = db
    .select({ id: o.id })
    .from(o)
    .where(
      and(
        or(and(eq(o.status, 'pending'), lte(o.nextAttemptAt, now)), and(eq(o.status, 'sending'), lt(o.leaseUntil, now))),
        inArray(o.channel, channels),
        notExists(earlierUnsent),
      ),
    )
    .orderBy(asc(o.nextAttemptAt), asc(o.id))
    .limit(limit);
  const rows = await db
    .update(outbox)
    .set({ status: 'sending', leaseOwner: owner, leaseUntil: now + leaseMs, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

// Once a person is erased, what the outbox still knows about them goes too, as soon as
// nothing is left to send them.
const scrubbed = {
  recipient: '',
  lastError: sql`replace(${outbox.lastError}, ${outbox.recipient}, '[erased]')`,
  payload: sql`json_set(json_remove(${outbox.payload}, '$.firstName', '$.lastName', '$.email', '$.name', '$.url'),
    '$.erased', json('true'))`,
};
const stillNamed = and(inArray(outbox.status, ['sent', 'delivered', 'failed']), ne(outbox.recipient, ''));

// An erasure (erasure.server.ts): the messages `where` picks lose everything that names their
// person now; those still waiting are given up (a message nobody can be named in is no use).
// A message being sent at this moment is left to the worker, whose markSent scrubs it.
export function forgetRecipientStatements(db: Db, where: SQL) {
  return [
    db
      .update(outbox)
      .set({ status: 'failed', lastError: 'Données personnelles effacées', ...released })
      .where(and(inArray(outbox.status, ['pending', 'held']), where)),
    db.update(outbox).set(scrubbed).where(and(stillNamed, where)),
  ] as const;
}

// Nothing left to send to this message's registration.
function nothingLeftToSend(db: Db) {
  const e = alias(outbox, 'e');
  return notExists(
    db
      .select({ one: sql`1` })
      .from(e)
      .where(and(eq(e.registrationId, qualified(outbox.registrationId)), inArray(e.status, ['pending', 'held', 'sending']))),
  );
}

function erasedRegistration(db: Db) {
  const r = alias(registrations, 'r');
  return exists(
    db
      .select({ one: sql`1` })
      .from(r)
      .where(and(eq(r.id, qualified(outbox.registrationId)), isNotNull(r.erasedAt))),
  );
}

function scrubErased(db: Db, registrationId: number | null) {
  if (registrationId == null) return [];
  return [
    db
      .update(outbox)
      .set(scrubbed)
      .where(and(eq(outbox.registrationId, registrationId), stillNamed, erasedRegistration(db), nothingLeftToSend(db))),
  ];
}

export async function scrubErasedRecipients(db: Db): Promise<number> {
  const rs = await db
    .update(outbox)
    .set(scrubbed)
    .where(and(stillNamed, erasedRegistration(db), nothingLeftToSend(db)));
  return rs.rowsAffected;
}

// Only the worker holding the lease may settle a message.
const leasedTo = (row: OutboxRow, owner: string) => and(eq(outbox.id, row.id), eq(outbox.leaseOwner, owner), eq(outbox.status, 'sending'));

// `more`: what the channel records with it (an SMS's parts), in the same write.
export async function markSent(
  db: Db,
  row: OutboxRow,
  owner: string,
  now: number,
  { set = {}, more = [] }: { set?: Partial<OutboxRow>; more?: Statement[] } = {},
): Promise<boolean> {
  const [settled] = await db.batch([
    db
      .update(outbox)
      .set({ ...set, status: 'sent', sentAt: now, lastError: null, ...released })
      .where(leasedTo(row, owner))
      .returning({ id: outbox.id }),
    ...more,
    // A payload's `url` is a secret link (account emails): once delivered, it is dropped.
    db
      .update(outbox)
      .set({ payload: sql`json_set(json_remove(${outbox.payload}, '$.url'), '$.linkRemoved', json('true'))` })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sent'), isNotNull(sql`json_extract(${outbox.payload}, '$.url')`))),
    ...scrubErased(db, row.registrationId),
  ]);
  return settled.length === 1;
}

export async function markRetry(db: Db, row: OutboxRow, owner: string, error: string, at: number) {
  await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: at, lastError: error, ...released })
    .where(leasedTo(row, owner));
}

export async function markFailed(db: Db, row: OutboxRow, owner: string, error: string) {
  await db.batch([
    db
      .update(outbox)
      .set({ status: 'failed', lastError: error, ...released })
      .where(leasedTo(row, owner)),
    ...scrubErased(db, row.registrationId),
  ]);
}

// Gives back messages claimed but not attempted (shutdown): they were never tried.
export async function releaseClaims(db: Db, ids: number[], owner: string) {
  if (!ids.length) return;
  await db
    .update(outbox)
    .set({ status: 'pending', attempts: sql`max(${outbox.attempts} - 1, 0)`, ...released })
    .where(and(eq(outbox.leaseOwner, owner), eq(outbox.status, 'sending'), inArray(outbox.id, ids)));
}

// No server for a channel (SMTP_URL or SMS_URL unset): its messages wait as `held` where
// admins can read them.
export async function holdPending(db: Db, channel: OutboxChannel = 'email'): Promise<number> {
  const rs = await db
    .update(outbox)
    .set({ status: 'held' })
    .where(and(eq(outbox.status, 'pending'), eq(outbox.channel, channel)));
  return rs.rowsAffected;
}

export async function releaseHeld(db: Db, now: number, channel: OutboxChannel = 'email'): Promise<number> {
  const rs = await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: now })
    .where(and(eq(outbox.status, 'held'), eq(outbox.channel, channel)));
  return rs.rowsAffected;
}
