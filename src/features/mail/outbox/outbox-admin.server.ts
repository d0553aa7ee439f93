// The admin's view of the outbox: what was sent, what waits, what failed and why; each
// message as the person reads it, with its invite; retry now, or send a copy again.
import { and, asc, count, desc, eq, gt, inArray, lt, ne, notLike, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '~/platform/http/paging';
import { OUTBOX_STATUSES, outbox } from '~db/schema';
import { t } from '~/i18n';
import { audit, type Actor } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { composeMessage, needsManageLink, type ComposedMessage } from '~/features/mail/messages';
import type { OutboxRow } from './delivery-states.server';
import { outboxSmsText } from './sms-delivery.server';
import type { SmsText } from '~/features/mail/sms/sms-text';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export { OUTBOX_STATUSES };

export interface OutboxPage {
  items: OutboxRow[];
  counts: Record<OutboxStatus, number>;
  // Older messages start below this id, newer ones above that one (newest first, keyset paging).
  olderThan: number | null;
  newerThan: number | null;
  smtpConfigured: boolean;
  smsConfigured: boolean;
}

export function isOutboxStatus(value: unknown): value is OutboxStatus {
  return typeof value === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(value);
}

export interface OutboxQuery {
  status?: OutboxStatus;
  // A part of the address or phone number.
  recipient?: string;
  before?: number;
  after?: number;
  limit?: number;
}

// A page of messages, newest first: the `limit` below `before`, or the `limit` just above `after`
// (the page before), or the newest.
export async function listOutbox(db: Db, { status, recipient, before, after, limit = 50 }: OutboxQuery = {}): Promise<OutboxPage> {
  const matches = and(
    status ? eq(outbox.status, status) : undefined,
    recipient?.trim() ? sql`lower(${outbox.recipient}) like ${containsPattern(recipient)} escape '\\'` : undefined,
  );
  const exists = async (where: SQL | undefined) => (await db.select({ id: outbox.id }).from(outbox).where(where).limit(1)).length > 0;
  const [rows, counts] = await Promise.all([
    after && !before
      ? db
          .select()
          .from(outbox)
          .where(and(matches, gt(outbox.id, after)))
          .orderBy(asc(outbox.id))
          .limit(limit)
      : db
          .select()
          .from(outbox)
          .where(and(matches, before ? lt(outbox.id, before) : undefined))
          .orderBy(desc(outbox.id))
          .limit(limit),
    db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status),
  ]);
  const items = rows.sort((a, b) => b.id - a.id);
  const [newest, oldest] = [items[0]?.id, items.at(-1)?.id];
  const [older, newer] = await Promise.all([
    oldest !== undefined && exists(and(matches, lt(outbox.id, oldest))),
    newest !== undefined && exists(and(matches, gt(outbox.id, newest))),
  ]);
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of counts) byStatus[r.status] = r.n;
  return {
    items,
    counts: byStatus,
    olderThan: older ? oldest! : null,
    newerThan: newer ? newest! : null,
    smtpConfigured: Boolean(config.smtpUrl),
    smsConfigured: Boolean(config.smsUrl),
  };
}

export interface OutboxMessageView {
  row: OutboxRow;
  // An email as its recipient reads it; an SMS's text, with what it costs.
  preview: ComposedMessage | null;
  sms: SmsText | null;
  previewError: string | null;
}

// The manage link is minted only when a message is really sent; the preview shows where
// it will point instead.
export async function outboxMessage(db: Db, id: number): Promise<OutboxMessageView | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) return null;
  try {
    if (row.channel === 'sms') {
      return { row, preview: null, sms: outboxSmsText(row, needsManageLink(row.kind) ? '…' : null, Date.now()), previewError: null };
    }
    const manageUrl = needsManageLink(row.kind) ? `${config.publicUrl}/r/…` : null;
    return { row, preview: composeMessage(row, { manageUrl }), sms: null, previewError: null };
  } catch (error) {
    return { row, preview: null, sms: null, previewError: error instanceof Error ? error.message : String(error) };
  }
}

// Back in the queue now, whatever its backoff (held again at once if SMTP is still unset).
export async function retryOutboxMessage(db: Db, id: number, actor: Actor, now = Date.now()): Promise<boolean> {
  const rs = await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: now, leaseOwner: null, leaseUntil: null })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['failed', 'held', 'pending'])));
  if (rs.rowsAffected !== 1) return false;
  await audit(db, actor, 'outbox.retried', 'outbox', id);
  return true;
}

// A new copy of a sent message. Not for account emails: their secret link is gone once sent,
// and the person can ask for a new one.
export async function resendOutboxMessage(db: Db, id: number, actor: Actor, now = Date.now()): Promise<number | null> {
  const [copy] = await db
    .insert(outbox)
    .select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          dedupeKey: sql<string>`${outbox.dedupeKey} || ':resend:' || ${now}`.as('dedupe_key'),
          kind: outbox.kind,
          registrationId: outbox.registrationId,
          recipient: outbox.recipient,
          language: outbox.language,
          payload: outbox.payload,
          status: sql<'pending'>`'pending'`.as('status'),
          attempts: sql<number>`0`.as('attempts'),
          nextAttemptAt: sql<number>`${now}`.as('next_attempt_at'),
          leaseOwner: sql<null>`null`.as('lease_owner'),
          leaseUntil: sql<null>`null`.as('lease_until'),
          lastError: sql<null>`null`.as('last_error'),
          sentAt: sql<null>`null`.as('sent_at'),
          createdAt: sql<number>`${now}`.as('created_at'),
          channel: outbox.channel,
          op: outbox.op,
          segments: sql<null>`null`.as('segments'),
        })
        .from(outbox)
        .where(
          and(
            eq(outbox.id, id),
            inArray(outbox.status, ['sent', 'delivered']),
            ne(outbox.recipient, ''),
            notLike(outbox.kind, 'account-%'),
          ),
        ),
    )
    .returning({ id: outbox.id });
  if (!copy) return null;
  await audit(db, actor, 'outbox.resent', 'outbox', id, { copy: copy.id });
  return copy.id;
}

// "Confirmation" for `confirmed`; unknown kinds (another area's emails) show as they are.
export function outboxKindLabel(kind: string): string {
  const label = t('fr', `mail.outboxAdmin.kinds.${kind}`);
  return label.startsWith('mail.') ? kind : label;
}

const STAMP = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });

export function formatStamp(ms: number | null): string {
  return ms == null ? '—' : STAMP.format(ms);
}
