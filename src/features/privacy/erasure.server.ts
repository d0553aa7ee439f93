// What erasing a person from their bookings removes, for the retention job and for an admin's
// erasure alike (DESIGN rule 6): their name and contacts (the row stays, so counts per session
// and school stay true), every manage link to it, and what the outbox holds about them.
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { manageTokens, outbox, registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { forgetRecipientStatements } from '~/features/mail/outbox/delivery-states.server';

// For the registrations marked with `last_op = op` by an earlier statement of the same batch;
// `recipient`: account emails to that address (they have no registration) go too.
export function erasureStatements(db: Db, op: string, now: number, recipient: string | null = null) {
  const marked = db.select({ id: registrations.id }).from(registrations).where(eq(registrations.lastOp, op));
  const ofMarked = inArray(outbox.registrationId, marked);
  const messages = recipient ? or(ofMarked, and(isNull(outbox.registrationId), eq(outbox.recipient, recipient)))! : ofMarked;
  return [
    eraseStatement(db, eq(registrations.lastOp, op), now),
    db.delete(manageTokens).where(inArray(manageTokens.registrationId, marked)),
    db.update(registrations).set({ manageTokenHash: null }).where(eq(registrations.lastOp, op)),
    ...forgetRecipientStatements(db, messages),
  ] as const;
}

// Keeps the row (anonymous counts per session and school) and drops who the person was.
export function eraseStatement(db: Db, where: SQL | undefined, now = Date.now()) {
  return db
    .update(registrations)
    .set({
      firstName: null,
      lastName: null,
      needs: null,
      email: null,
      phone: null,
      erasedAt: sql`coalesce(${registrations.erasedAt}, ${now})`,
    })
    .where(where);
}
