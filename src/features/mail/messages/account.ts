// Account emails (confirm the address, reset the password, accept an invitation), queued by
// account-mail.server.ts. Their text belongs to the auth area: i18n `accountMail.<kind>.*`.
import { t } from '~/i18n';
import type { Draft } from './layout';
import { footer, type RenderContext } from './parts';

export interface AccountPayload {
  name?: string;
  // The secret link; removed from the outbox once the message is final.
  url?: string;
}

export function accountMessage(kind: string, p: AccountPayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const key = `accountMail.${kind}`;
  return {
    subject: t(lang, `${key}.subject`),
    blocks: [
      { kind: 'text', text: t(lang, `${key}.greeting`, { name: p.name ?? '' }) },
      { kind: 'text', text: t(lang, `${key}.body`) },
      p.url
        ? { kind: 'button', label: t(lang, `${key}.action`), href: p.url, hint: t(lang, `${key}.expiry`) }
        : { kind: 'text', text: t(lang, 'mail.outboxAdmin.linkRemoved') },
      { kind: 'text', text: t(lang, `${key}.ignore`) },
      { kind: 'text', text: t(lang, 'accountMail.signature') },
      footer(ctx),
    ],
  };
}
