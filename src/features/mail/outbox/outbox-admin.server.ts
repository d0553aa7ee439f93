// The admin's view of the outbox: what was sent, what waits, what failed and why; each
// message as the person reads it, with its invite; retry now, or send a copy again.
import { OUTBOX_STATUSES } from '~db/schema';
import { t } from '~/i18n';
import { audit, type Actor } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { composeMessage, needsManageLink, type ComposedMessage } from '~/features/mail/messages';
import { toOutboxRow, type OutboxRow } from './delivery-states.server';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export { OUTBOX_STATUSES };

export interface OutboxPage {
  items: OutboxRow[];
  counts: Record<OutboxStatus, number>;
  // Older messages start below this id (newest first, keyset paging).
  olderThan: number | null;
  smtpConfigured: boolean;
}

export function isOutboxStatus(value: unknown): value is OutboxStatus {
  return typeof value === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(value);
}

export async function listOutbox(db: Db, { status, before, limit = 50 }: { status?: OutboxStatus; before?: number; limit?: number } = {}): Promise<OutboxPage> {
  const where = ['1 = 1'];
  const args: (string | number)[] = [];
  if (status) (where.push('status = ?'), args.push(status));
  if (before) (where.push('id < ?'), args.push(before));
  const [rows, counts] = await Promise.all([
    db.$client.execute({ sql: `select * from outbox where ${where.join(' and ')} order by id desc limit ?`, args: [...args, limit + 1] }),
    db.$client.execute('select status, count(*) as n from outbox group by status'),
  ]);
  const items = (rows.rows as unknown as Record<string, unknown>[]).map(toOutboxRow);
  const more = items.length > limit;
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of counts.rows as unknown as { status: OutboxStatus; n: number }[]) byStatus[r.status] = Number(r.n);
  return { items: items.slice(0, limit), counts: byStatus, olderThan: more ? items[limit - 1]!.id : null, smtpConfigured: Boolean(config.smtpUrl) };
}

export interface OutboxMessageView {
  row: OutboxRow;
  preview: ComposedMessage | null;
  previewError: string | null;
}

// The manage link is minted only when a message is really sent; the preview shows where
// it will point instead.
export async function outboxMessage(db: Db, id: number): Promise<OutboxMessageView | null> {
  const rs = await db.$client.execute({ sql: 'select * from outbox where id = ?', args: [id] });
  const found = rs.rows[0] as Record<string, unknown> | undefined;
  if (!found) return null;
  const row = toOutboxRow(found);
  try {
    const manageUrl = needsManageLink(row.kind) ? `${config.publicUrl}/r/…` : null;
    return { row, preview: composeMessage(row, { manageUrl }), previewError: null };
  } catch (error) {
    return { row, preview: null, previewError: error instanceof Error ? error.message : String(error) };
  }
}

// Back in the queue now, whatever its backoff (held again at once if SMTP is still unset).
export async function retryOutboxMessage(db: Db, id: number, actor: Actor, now = Date.now()): Promise<boolean> {
  const rs = await db.$client.execute({
    sql: `update outbox set status = 'pending', next_attempt_at = ?, lease_owner = null, lease_until = null
          where id = ? and status in ('failed', 'held', 'pending')`,
    args: [now, id],
  });
  if (rs.rowsAffected !== 1) return false;
  await audit(db, actor, 'outbox.retried', 'outbox', id);
  return true;
}

// A new copy of a sent message. Not for account emails: their secret link is gone once sent,
// and the person can ask for a new one.
export async function resendOutboxMessage(db: Db, id: number, actor: Actor, now = Date.now()): Promise<number | null> {
  const rs = await db.$client.execute({
    sql: `insert into outbox (dedupe_key, kind, registration_id, recipient, language, payload, next_attempt_at, created_at)
          select dedupe_key || ':resend:' || ?, kind, registration_id, recipient, language, payload, ?, ?
          from outbox where id = ? and status = 'sent' and recipient <> '' and kind not like 'account-%'
          returning id`,
    args: [now, now, now, id],
  });
  const copy = rs.rows[0] as Record<string, unknown> | undefined;
  if (!copy) return null;
  await audit(db, actor, 'outbox.resent', 'outbox', id, { copy: Number(copy.id) });
  return Number(copy.id);
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
