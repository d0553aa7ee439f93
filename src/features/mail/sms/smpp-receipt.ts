// Delivery receipts (SMPP 3.4 appendix B): a deliver_sm whose esm_class says "MC delivery
// receipt", naming the message by the id submit_sm_resp gave, with its final state, in the
// receipted_message_id / message_state TLVs or in the text
// "id:… sub:001 dlvrd:001 submit date:… done date:… stat:DELIVRD err:000 text:…".

export type ReceiptStatus = 'delivered' | 'failed';

export interface SmsReceipt {
  messageId: string;
  status: ReceiptStatus;
  // The SMSC's own word (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN) and error code.
  stat: string;
  error: string | null;
}

const FINAL_STATES: Record<string, ReceiptStatus> = {
  DELIVRD: 'delivered',
  UNDELIV: 'failed',
  EXPIRED: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
  UNKNOWN: 'failed',
};

// message_state TLV values (SMPP 3.4 5.2.28) → the receipt text's words.
const STATE_WORDS: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

const ESM_CLASS_RECEIPT = 0x04;

export function isDeliveryReceipt(esmClass: unknown): boolean {
  return typeof esmClass === 'number' && (esmClass & 0x3c) === ESM_CLASS_RECEIPT;
}

function receiptText(shortMessage: unknown): string {
  if (typeof shortMessage === 'string') return shortMessage;
  if (Buffer.isBuffer(shortMessage)) return shortMessage.toString('latin1');
  const message = (shortMessage as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : Buffer.isBuffer(message) ? message.toString('latin1') : '';
}

function tlvText(value: unknown): string | null {
  if (typeof value === 'string') return value.replace(/\0+$/, '') || null;
  if (Buffer.isBuffer(value)) return value.toString('latin1').replace(/\0+$/, '') || null;
  return null;
}

// Null for anything that is not a final receipt (an intermediate ENROUTE/ACCEPTD notice, a
// message from a phone): the caller acknowledges it and moves on.
export function parseReceipt(pdu: Readonly<Record<string, unknown>>): SmsReceipt | null {
  if (!isDeliveryReceipt(pdu.esm_class)) return null;
  const text = receiptText(pdu.short_message);
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1] ?? null;
  const messageId = tlvText(pdu.receipted_message_id) ?? field('id');
  const stat = (typeof pdu.message_state === 'number' ? STATE_WORDS[pdu.message_state] : null) ?? field('stat')?.toUpperCase() ?? null;
  if (!messageId || !stat) return null;
  const status = FINAL_STATES[stat];
  if (!status) return null;
  const err = field('err');
  return { messageId, status, stat, error: status === 'failed' && err && !/^0+$/.test(err) ? err : null };
}
