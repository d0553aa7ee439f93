// One delivery round of the outbox worker: claim what is due on the channels it has a server
// for, render each message (with a freshly minted manage link), send it by email or SMS, and
// record what happened. A channel without a server keeps its messages held.
import { randomBytes } from 'node:crypto';
import type { Db } from '~/platform/db/db.server';
import { displayName, parseMailbox } from '~/features/mail/mail-address';
import { classifySmtpError, describeSmtpError, type Mailer, type OutgoingMail } from '~/features/mail/smtp-transport.server';
import { composeMessage, mailLanguage, needsManageLink, unsubscribeUrl } from '~/features/mail/messages';
import {
  claimDue,
  holdPending,
  markFailed,
  markRetry,
  markSent,
  releaseClaims,
  releaseHeld,
  type OutboxRow,
} from './delivery-states.server';
import { nextAttempt, type RetryPolicy } from './retry';
import { outboxAttachments } from './attachments.server';
import { INTEREST_MATCH_KIND } from '~/features/interest/interest-match.server';
import { freshWithdrawToken, freshWithdrawUrl, SMS_WITHDRAW_TOKEN_BYTES } from '~/features/interest/interest.server';
import type { OutboxChannel } from '~db/schema';
import type { SmsTransport } from '~/features/mail/sms/sms-transport';
import { checkSmsRecipient, outboxSmsText, sentSmsRecord } from './sms-delivery.server';
import { manageUrl } from '~/features/registration/book-seat.server';
import { getRegistration, mintManageToken } from '~/features/registration/find-registration.server';
import { logger } from '~/platform/observability/logger';
import { deliveries } from '~/platform/observability/metrics';

export interface DeliverySettings {
  db: Db;
  // Null when SMTP_URL is unset: messages are then held for admins to read.
  mailer: Mailer | null;
  // Null when SMS_URL is unset: SMS are then held the same way.
  sms: SmsTransport | null;
  mailFrom: string;
  owner: string;
  now: () => number;
  batchSize: number;
  leaseMs: number;
  retry: RetryPolicy;
  log: (line: string) => void;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  held: number;
}

// A manage token only for a booking that is still there to manage.
async function freshManageToken(db: Db, row: OutboxRow): Promise<string | null> {
  if (!needsManageLink(row.kind) || row.registrationId == null) return null;
  const registration = await getRegistration(db, row.registrationId);
  if (!registration || registration.erasedAt != null || registration.status === 'cancelled') return null;
  return mintManageToken(db, registration.id);
}

// The manage link in the mail's language (for a "prévenez-moi" message, the link that
// withdraws the request).
async function freshManageUrl(db: Db, row: OutboxRow): Promise<string | null> {
  if (row.kind === INTEREST_MATCH_KIND) return freshWithdrawUrl(db, row);
  const token = await freshManageToken(db, row);
  return token ? manageUrl(token, mailLanguage(row.language)) : null;
}

// Row ids start again in a restored or another database, and mail apps hide a message whose
// Message-ID they have seen: a random part makes every one unique. The row id is for reading.
function messageIdFor(row: OutboxRow, mailFrom: string): string {
  const domain = parseMailbox(mailFrom).address.split('@')[1] || 'passerelle';
  return `<${randomBytes(12).toString('hex')}.${row.id}@${domain}>`;
}

function recipientName(payload: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return displayName(text(payload.firstName), text(payload.lastName)) ?? displayName(text(payload.name), null);
}

export async function outboxMail(db: Db, row: OutboxRow, mailFrom: string, now: number): Promise<OutgoingMail> {
  const composed = composeMessage(row, { manageUrl: await freshManageUrl(db, row), now });
  const attachments = await outboxAttachments(db, row);
  const session = row.payload.session as { contactEmail?: string | null } | undefined;
  return {
    from: mailFrom,
    to: { name: recipientName(row.payload), address: row.recipient },
    // Replies reach the organiser, who can answer; the portal's address cannot.
    replyTo: session?.contactEmail ?? null,
    subject: composed.subject,
    text: composed.text,
    html: composed.html,
    invite: composed.invite,
    messageId: messageIdFor(row, mailFrom),
    kind: row.kind,
    language: composed.language,
    unsubscribe: unsubscribeUrl(row.kind),
    ...(attachments.length ? { attachments } : {}),
  };
}

type Outcome = 'sent' | 'retried' | 'failed';

async function failed(s: DeliverySettings, row: OutboxRow, message: string, permanent: boolean): Promise<Outcome> {
  const decision = permanent ? ({ kind: 'give-up' } as const) : nextAttempt(row, s.now(), s.retry);
  const logged = row.recipient ? message.replaceAll(row.recipient, '<recipient>') : message;
  s.log(
    `outbox: ${row.channel} ${row.id} (${row.kind}) attempt ${row.attempts} ${decision.kind === 'retry' ? 'will be retried' : 'failed'}: ${logged}`,
  );
  if (decision.kind === 'retry') await markRetry(s.db, row, s.owner, message, decision.at);
  else await markFailed(s.db, row, s.owner, message);
  return decision.kind === 'retry' ? 'retried' : 'failed';
}

async function deliverMail(s: DeliverySettings, mailer: Mailer, row: OutboxRow): Promise<Outcome> {
  try {
    await mailer.send(await outboxMail(s.db, row, s.mailFrom, s.now()));
  } catch (error) {
    return failed(s, row, describeSmtpError(error), classifySmtpError(error) === 'permanent');
  }
  await withRetries(() => markSent(s.db, row, s.owner, s.now()));
  return 'sent';
}

async function deliverSms(s: DeliverySettings, sms: SmsTransport, row: OutboxRow): Promise<Outcome> {
  let sent;
  try {
    checkSmsRecipient(row);
    const token =
      row.kind === INTEREST_MATCH_KIND ? await freshWithdrawToken(s.db, row, SMS_WITHDRAW_TOKEN_BYTES) : await freshManageToken(s.db, row);
    sent = await sms.send({ to: row.recipient, text: outboxSmsText(row, token, s.now()).text });
  } catch (error) {
    const permanent = (error as { permanent?: unknown }).permanent === true;
    return failed(s, row, error instanceof Error ? error.message : String(error), permanent);
  }
  await withRetries(() => markSent(s.db, row, s.owner, s.now(), sentSmsRecord(s.db, row, sent)));
  return 'sent';
}

const channelsOf = (s: DeliverySettings) => [s.mailer ? 'email' : null, s.sms ? 'sms' : null].filter((c): c is OutboxChannel => c !== null);

// `stopping` is asked between messages: on shutdown the one in hand is finished and the
// rest given back unattempted.
export async function deliveryRound(s: DeliverySettings, stopping: () => boolean): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, held: 0 };
  const channels = channelsOf(s);
  for (const channel of ['email', 'sms'] as const) {
    if (channels.includes(channel)) await releaseHeld(s.db, s.now(), channel);
    else {
      const held = await holdPending(s.db, channel);
      if (held) logger.info({ channel, outcome: 'held', count: held }, 'delivery');
      report.held += held;
    }
  }
  if (!channels.length) return report;
  const rows = await claimDue(s.db, s.owner, { now: s.now(), leaseMs: s.leaseMs, limit: s.batchSize, channels });
  report.claimed = rows.length;
  for (const [i, row] of rows.entries()) {
    if (stopping()) {
      await releaseClaims(
        s.db,
        rows.slice(i).map((r) => r.id),
        s.owner,
      );
      break;
    }
    const outcome = row.channel === 'sms' ? await deliverSms(s, s.sms!, row) : await deliverMail(s, s.mailer!, row);
    report[outcome]++;
    // Which message and what became of it; never to whom.
    deliveries.inc({ channel: row.channel, outcome });
    logger.info({ messageId: row.id, kind: row.kind, channel: row.channel, attempt: row.attempts, outcome }, 'delivery');
  }
  return report;
}

// The mail is out: recording it must not be lost to a briefly busy database.
async function withRetries<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}
