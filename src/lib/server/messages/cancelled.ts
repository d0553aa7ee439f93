// "Your booking is cancelled" (METHOD:CANCEL). No manage link: there is nothing left to
// manage, and the person may have asked to be erased.
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { catalogLink, contact, footer, greeting, sessionFacts, type RenderContext } from './parts';

export function cancelledMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'mail.cancelled.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.cancelled.intro'), strong: true },
      sessionFacts(p.session, ctx),
      { kind: 'text', text: t(lang, 'mail.cancelled.again') },
      catalogLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
