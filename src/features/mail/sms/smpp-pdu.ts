// The fields of a submit_sm and what an SMSC's status codes mean, as pure functions.
import smpp from 'smpp';
import { SmsSendError } from './sms-transport';

// Addresses (SMPP 3.4 5.2.5-5.2.6): international numbers as TON 1 / NPI 1 (E.164 digits
// without "+"); an alphanumeric sender as TON 5 / NPI 0; a short code as TON 3 (network
// specific) / NPI 0. registered_delivery 1 asks for a final delivery receipt.
export function submitFields(to: string, from: string): Record<string, unknown> {
  if (!/^\+[1-9]\d{6,14}$/.test(to)) throw new SmsSendError(`not an E.164 phone number: ${to.slice(0, 20)}`, true);
  const source = /^\+\d+$/.test(from)
    ? { source_addr_ton: 1, source_addr_npi: 1, source_addr: from.slice(1) }
    : /^\d+$/.test(from)
      ? { source_addr_ton: 3, source_addr_npi: 0, source_addr: from }
      : { source_addr_ton: 5, source_addr_npi: 0, source_addr: from };
  return { service_type: '', ...source, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: to.slice(1), registered_delivery: 1 };
}

const NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

export function describeStatus(status: number): string {
  return `${NAMES.get(status) ?? 'unknown status'} (0x${status.toString(16).padStart(8, '0')})`;
}

// Refusals that no retry can change: the number, the sender or the text is wrong. Anything
// else (throttling, a full queue, a system error, a status we do not know) is retried.
const PERMANENT = [
  'ESME_RINVMSGLEN',
  'ESME_RINVSRCADR',
  'ESME_RINVDSTADR',
  'ESME_RINVESMCLASS',
  'ESME_RINVSRCTON',
  'ESME_RINVSRCNPI',
  'ESME_RINVDSTTON',
  'ESME_RINVDSTNPI',
  'ESME_RINVDCS',
];
const PERMANENT_CODES = new Set(PERMANENT.map((name) => smpp.errors[name]));

export function isPermanentStatus(status: number): boolean {
  return PERMANENT_CODES.has(status);
}
