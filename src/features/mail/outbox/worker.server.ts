// The outbox worker, run in the background of every instance (never in a request): a
// delivery round every `pollMs` (at once again while there is a backlog). Several workers,
// in one process or many, share the outbox safely: every message is claimed under a lease.
import { hostname } from 'node:os';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { createMailer } from '~/features/mail/smtp-transport.server';
import { createSmppTransport, type SmppOptions } from '~/features/mail/sms/smpp-transport.server';
import { recordReceipt } from './sms-delivery.server';
import { deliveryRound, type DeliveryReport, type DeliverySettings } from './send-round.server';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { pollLoop } from '~/platform/jobs/poll-loop';
import { logger } from '~/platform/observability/logger';

export type { DeliveryReport };

export interface OutboxWorkerOptions {
  // Defaults to SMTP_URL; null holds every message.
  smtpUrl?: string | null;
  mailFrom?: string;
  // Defaults to SMS_URL and SMS_FROM; null holds every SMS.
  smsUrl?: string | null;
  smsFrom?: string;
  smpp?: Omit<SmppOptions, 'from'>;
  owner?: string;
  now?: () => number;
  pollMs?: number;
  batchSize?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

export interface OutboxWorker {
  runOnce(): Promise<DeliveryReport>;
  start(): void;
  // Finishes the message in hand, gives back the rest of the batch, closes the connection.
  stop(): Promise<void>;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

// Every instance binds its own SMPP session: the SMSC may hand a receipt to any of them, and
// each records what it gets.
function smsTransport(db: Db, options: OutboxWorkerOptions, log: (line: string) => void) {
  const smsUrl = options.smsUrl === undefined ? config.smsUrl : options.smsUrl;
  if (!smsUrl) return null;
  const transport = createSmppTransport(smsUrl, {
    from: options.smsFrom ?? config.smsFrom,
    onEvent: (e) => {
      if (e.type !== 'bound') log(`sms: ${e.type}${'status' in e ? ` ${e.status}` : ''}${'error' in e && e.error ? `: ${e.error}` : ''}`);
    },
    ...options.smpp,
  });
  transport.onReceipt((receipt) => recordReceipt(db, receipt));
  return transport;
}

function settings(db: Db, options: OutboxWorkerOptions): DeliverySettings {
  const smtpUrl = options.smtpUrl === undefined ? config.smtpUrl : options.smtpUrl;
  const log = options.log ?? ((line: string) => logger.warn(line));
  return {
    db,
    mailer: smtpUrl ? createMailer(smtpUrl) : null,
    sms: smsTransport(db, options, log),
    mailFrom: options.mailFrom ?? config.mailFrom,
    owner: options.owner ?? workerId(),
    now: options.now ?? Date.now,
    batchSize: options.batchSize ?? 10,
    // Long enough for a batch at the mailer's timeouts; a dead worker's messages wait this long.
    leaseMs: options.leaseMs ?? 5 * 60_000,
    retry: options.retry ?? DEFAULT_RETRY,
    log,
  };
}

export function createOutboxWorker(db: Db, options: OutboxWorkerOptions = {}): OutboxWorker {
  const s = settings(db, options);
  const pollMs = options.pollMs ?? 5_000;
  const loop = pollLoop(
    (stopping) => deliveryRound(s, stopping),
    (outcome) => {
      if ('result' in outcome) return outcome.result.claimed >= s.batchSize ? 0 : pollMs;
      s.log(`outbox: worker error: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`);
      return pollMs;
    },
  );
  return {
    ...loop,
    async stop() {
      await loop.stop();
      s.mailer?.close();
      await s.sms?.close();
    },
  };
}
