// What erasing a person from their bookings removes, for the retention job and for an admin's
// erasure alike (DESIGN rule 6): their name and contacts (the row stays, so counts per session
// and school stay true), every manage link to it, and what the outbox holds about them.
import type { InStatement } from '@libsql/client';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { outbox, registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { asStatement } from '~/platform/db/statement';
import { forgetRecipientStatements } from '~/features/mail/outbox/delivery-states.server';

// For the registrations marked with `last_op = op` by an earlier statement of the same batch;
// `recipient`: account emails to that address (they have no registration) go too.
export function erasureStatements(db: Db, op: string, now: number, recipient: string | null = null): InStatement[] {
  const marked = 'select id from registrations where last_op = ?';
  const markedIds = db.select({ id: registrations.id }).from(registrations).where(eq(registrations.lastOp, op));
  const ofMarked = inArray(outbox.registrationId, markedIds);
  const messages = recipient ? or(ofMarked, and(isNull(outbox.registrationId), eq(outbox.recipient, recipient)))! : ofMarked;
  return [
    eraseStatement('last_op = ?', [op], now),
    { sql: `delete from manage_tokens where registration_id in (${marked})`, args: [op] },
    { sql: 'update registrations set manage_token_hash = null where last_op = ?', args: [op] },
    ...forgetRecipientStatements(db, messages).map(asStatement),
  ];
}

// Keeps the row (anonymous counts per session and school) and drops who the person was.
export function eraseStatement(where: string, args: (string | number)[], now = Date.now()): InStatement {
  return {
    sql: `update registrations set first_name = null, last_name = null, email = null, phone = null, erased_at = coalesce(erased_at, ?) where ${where}`,
    args: [now, ...args],
  };
}
