// "The session moved": new time and place beside the old ones, with the updated invite
// (same UID, higher SEQUENCE).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, type RenderContext } from './parts';

export function sessionUpdatedMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'mail.sessionUpdated.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.sessionUpdated.intro'), strong: true },
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults, previous: p.previous }),
      ...manageLink(ctx),
      { kind: 'text', text: t(lang, 'mail.sessionUpdated.cantCome') },
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
