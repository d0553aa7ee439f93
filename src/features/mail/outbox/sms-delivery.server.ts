// The SMS side of the outbox: an SMS row becomes its text (with a manage link minted now, in
// the person's language, or a "prévenez-moi" request's withdrawal link), goes out through the
// SMS transport, and its parts are recorded so delivery receipts, arriving on any instance,
// move it from `sent` to `delivered` or `failed`.
import { and, eq, exists, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { outbox, smsParts } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { config } from '~/platform/config/config';
import { mailLanguage } from '~/features/mail/messages';
import type { RegistrationMessagePayload } from './enqueue.server';
import { smsManageUrl, smsText, type SmsText } from '~/features/mail/sms/sms-text';
import { canReceiveSms } from '~/features/mail/sms/sms-phone';
import { SmsSendError, type SentSms, type SmsReceipt } from '~/features/mail/sms/sms-transport';
import type { OutboxRow } from './delivery-states.server';
import { INTEREST_MATCH_KIND, type InterestMatchPayload } from '~/features/interest/interest-match.server';
import { shortWithdrawUrl } from '~/features/interest/interest.server';
import { interestSmsText } from '~/features/mail/sms/interest-sms';

export const NO_SMS_NUMBER = 'Ce numéro ne reçoit pas de SMS (fixe, box ou numéro de service) : appelez la personne.';

// `token`: a freshly minted manage token, or null (nothing to manage, or an admin preview).
// For a "prévenez-moi" message the token is the request's withdrawal token.
export function outboxSmsText(row: Pick<OutboxRow, 'kind' | 'language' | 'payload'>, token: string | null, now: number): SmsText {
  const lang = mailLanguage(row.language);
  const publicUrl = config.publicUrl;
  if (row.kind === INTEREST_MATCH_KIND) {
    const withdraw = token ? shortWithdrawUrl(publicUrl, token) : null;
    return interestSmsText(row.payload as unknown as InterestMatchPayload, { lang, manageUrl: withdraw, publicUrl, now });
  }
  const manageUrl = token ? smsManageUrl(publicUrl, lang, token) : null;
  return smsText(row.payload as unknown as RegistrationMessagePayload, { lang, manageUrl, publicUrl, now });
}

// Refused before anything is sent: a landline would never get it (the trainer calls instead).
export function checkSmsRecipient(row: OutboxRow) {
  if (!canReceiveSms(row.recipient)) throw new SmsSendError(NO_SMS_NUMBER, true);
}

// The row's verdict once its parts say so: one failed part fails it, all delivered deliver it.
function settleStatement(db: Db, outboxId: number | SQL) {
  const p = alias(smsParts, 'p');
  const parts = (status?: 'failed' | 'delivered') =>
    db
      .select({ one: sql`1` })
      .from(p)
      .where(and(eq(p.outboxId, outboxId), status ? eq(p.status, status) : undefined));
  const notDelivered = db
    .select({ one: sql`1` })
    .from(p)
    .where(and(eq(p.outboxId, outboxId), sql`${p.status} <> 'delivered'`));
  const failedError = db
    .select({ e: sql`coalesce('Non remis (' || ${p.error} || ')', 'Non remis')` })
    .from(p)
    .where(and(eq(p.outboxId, outboxId), eq(p.status, 'failed')))
    .limit(1);
  return db
    .update(outbox)
    .set({
      status: sql`case when ${exists(parts('failed'))} then 'failed' else 'delivered' end`,
      lastError: sql`case when ${exists(parts('failed'))} then (${failedError}) else ${outbox.lastError} end`,
    })
    .where(
      and(
        eq(outbox.id, outboxId),
        eq(outbox.status, 'sent'),
        exists(parts()),
        sql`(${exists(parts('failed'))} or ${notExists(notDelivered)})`,
      ),
    );
}

// What markSent writes with an SMS: its segments, its parts (a receipt may have come first:
// its status is kept), and the verdict if every receipt is already in.
export function sentSmsRecord(db: Db, row: OutboxRow, sent: SentSms) {
  return {
    set: { segments: sent.segments },
    more: [
      ...(sent.partIds.length
        ? [
            db
              .insert(smsParts)
              .values(sent.partIds.map((partId) => ({ partId, outboxId: row.id })))
              .onConflictDoUpdate({ target: smsParts.partId, set: { outboxId: sql`excluded.outbox_id` } }),
          ]
        : []),
      settleStatement(db, row.id),
    ],
  };
}

// A receipt, on whichever instance the SMSC delivered it; recorded before it is acknowledged.
export async function recordReceipt(db: Db, receipt: SmsReceipt, now = Date.now()) {
  const q = alias(smsParts, 'q');
  const ofPart = db.select({ id: q.outboxId }).from(q).where(eq(q.partId, receipt.messageId));
  const error = receipt.status === 'failed' ? (receipt.error ?? receipt.stat) : null;
  await db.batch([
    db
      .insert(smsParts)
      .values({ partId: receipt.messageId, status: receipt.status, error, updatedAt: now })
      .onConflictDoUpdate({ target: smsParts.partId, set: { status: receipt.status, error, updatedAt: now } }),
    settleStatement(db, sql`(${ofPart})`),
  ]);
}
