// Whether a person was really told: what the outbox holds for them about one change, read
// against which channels have a server. A message counts when it left, or when it will leave
// (waiting with its server configured). Held for want of a server, failed, or an SMS to a
// number that cannot take one, it does not: nobody is told a thing that is not true.
import type { OutboxChannel } from '~db/schema';
import { canReceiveSms } from '~/features/mail/sms/sms-phone';

export type UntoldReason = 'no-contact' | 'sms-off' | 'sms-failed' | 'landline' | 'mail-off' | 'mail-failed';

export interface NoticeMessage {
  channel: OutboxChannel;
  status: string;
  recipient: string;
}

// Which channels this instance can send on (SMTP_URL, SMS_URL).
export interface Channels {
  email: boolean;
  sms: boolean;
}

export interface Reach {
  email: boolean;
  sms: boolean;
  // Why nobody could be told; null when someone was.
  reason: UntoldReason | null;
}

type State = 'told' | 'off' | 'failed' | 'landline';

function stateOf(m: NoticeMessage, channels: Channels): State {
  if (m.channel === 'sms' && m.recipient && !canReceiveSms(m.recipient)) return 'landline';
  if (m.status === 'sent' || m.status === 'delivered') return 'told';
  if (m.status === 'failed') return 'failed';
  return channels[m.channel] ? 'told' : 'off';
}

const REASONS: Record<OutboxChannel, Record<Exclude<State, 'told'>, UntoldReason>> = {
  sms: { off: 'sms-off', failed: 'sms-failed', landline: 'landline' },
  email: { off: 'mail-off', failed: 'mail-failed', landline: 'mail-failed' },
};

export function reachOf(messages: NoticeMessage[], channels: Channels): Reach {
  const told = (channel: OutboxChannel) => messages.some((m) => m.channel === channel && stateOf(m, channels) === 'told');
  const reach = { email: told('email'), sms: told('sms') };
  if (reach.email || reach.sms) return { ...reach, reason: null };
  // The phone's reason first: it is the channel most parents have.
  const first = messages.find((m) => m.channel === 'sms') ?? messages[0];
  if (!first) return { ...reach, reason: 'no-contact' };
  return { ...reach, reason: REASONS[first.channel][stateOf(first, channels) as Exclude<State, 'told'>] };
}

// Counts of people: told by email, told by SMS (someone may be both), told by neither.
export interface Notified {
  email: number;
  sms: number;
  unreachable: number;
}

export function countReach(reaches: Reach[]): Notified {
  return {
    email: reaches.filter((r) => r.email).length,
    sms: reaches.filter((r) => r.sms).length,
    unreachable: reaches.filter((r) => r.reason !== null).length,
  };
}

export function addNotified(a: Notified, b: Notified): Notified {
  return { email: a.email + b.email, sms: a.sms + b.sms, unreachable: a.unreachable + b.unreachable };
}

export const NOBODY: Notified = { email: 0, sms: 0, unreachable: 0 };
