// Sending one email over SMTP_URL with nodemailer. The invite goes in as `icalEvent`, so mail
// apps show it as an invitation (a text/calendar alternative with its METHOD) and not as a file.
import type { Transporter } from 'nodemailer';
import type { InviteMethod } from '~/features/calendar/invite';
import { headerSafe } from './mail-address';

export interface OutgoingMail {
  from: string;
  to: { name: string | null; address: string };
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  invite: { method: InviteMethod; ics: string } | null;
  messageId: string;
  kind: string;
  // The language the message is written in (Content-Language).
  language: string;
  // Where a recipient stops this kind of mail (List-Unsubscribe), for mail sent on a schedule.
  unsubscribe?: string | null;
  // Files beside the invite (a yearly attestation's PDF).
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Bounded timeouts: a hanging server must not hold the worker's lease for long. nodemailer
// loads with the first mail sent, not with the module: an instance without SMTP_URL, or one
// that has sent nothing yet, does not hold its ≈ 5 MB of heap.
export function createMailer(smtpUrl: string): Mailer {
  let transport: Promise<Transporter> | undefined;
  const open = async () => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  };
  return {
    async send(mail) {
      const smtp = await (transport ??= open());
      await smtp.sendMail({
        from: headerSafe(mail.from, 320),
        to: { name: mail.to.name ? headerSafe(mail.to.name, 120) : '', address: headerSafe(mail.to.address, 254) },
        ...(mail.replyTo ? { replyTo: headerSafe(mail.replyTo, 254) } : {}),
        subject: headerSafe(mail.subject),
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'Content-Language': headerSafe(mail.language, 35),
          'X-Passerelle-Kind': headerSafe(mail.kind, 40),
          ...(mail.unsubscribe ? { 'List-Unsubscribe': `<${headerSafe(mail.unsubscribe, 500)}>` } : {}),
        },
        ...(mail.invite
          ? {
              icalEvent: {
                method: mail.invite.method,
                filename: mail.invite.method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics',
                content: mail.invite.ics,
              },
            }
          : {}),
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      });
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}

export type SmtpFailure = 'retry' | 'permanent';

// 5xx replies are permanent (the address does not exist, the message is refused); 4xx
// replies, timeouts and refused connections are worth another try.
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { permanent?: unknown; responseCode?: unknown };
  if (typeof e.permanent === 'boolean') return e.permanent ? 'permanent' : 'retry';
  const code = typeof e.responseCode === 'number' ? e.responseCode : 0;
  return code >= 500 && code < 600 && code !== 503 ? 'permanent' : 'retry';
}

// What the admin page shows: the server's reply, without stack traces.
export function describeSmtpError(error: unknown): string {
  const e = (error ?? {}) as { response?: unknown; message?: unknown; code?: unknown };
  const text = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  return headerSafe(`${typeof e.code === 'string' ? `${e.code}: ` : ''}${text}`, 500);
}
