// What the outbox needs from an SMS provider. SMPP (smpp-transport.server.ts) is the one we
// have; an HTTP provider's API fits in a few dozen lines: POST the text, return its id as
// `messageId`, and call the receipt listeners from its status webhook.
import type { SmsEncoding } from './sms-parts';
import type { SmsReceipt } from './smpp-receipt';

export type { SmsReceipt };

export interface SmsMessage {
  // E.164 with its "+" (what contact.ts stores).
  to: string;
  text: string;
}

export interface SentSms {
  // The id of the first part; receipts come per part, so store every one of `partIds`.
  messageId: string;
  partIds: string[];
  encoding: SmsEncoding;
  segments: number;
}

// Receipts may arrive on any instance (the SMSC picks a bound session), long after `send`.
// Record them before resolving: the provider is told "got it" only then.
export type ReceiptListener = (receipt: SmsReceipt) => void | Promise<void>;

export interface SmsTransport {
  send(message: SmsMessage): Promise<SentSms>;
  onReceipt(listener: ReceiptListener): void;
  close(): Promise<void>;
}

// `permanent`: sending again cannot help (bad number, text refused); otherwise the outbox
// retries with backoff. `acceptedPartIds`: parts of a long text the SMSC took before refusing.
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly acceptedPartIds: string[] = [],
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}
