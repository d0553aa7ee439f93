// "A seat freed up, you are in", with the invite (METHOD:REQUEST).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, type RenderContext } from './parts';

export function promotedMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'mail.promoted.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.promoted.intro'), strong: true },
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
      { kind: 'text', text: t(lang, 'mail.common.inviteAttached') },
      ...manageLink(ctx),
      { kind: 'text', text: t(lang, 'mail.promoted.cantCome') },
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
