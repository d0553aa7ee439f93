// "You are no longer on the waitlist": the person left it themselves or a trainer took them
// off. No invite (they never had a seat, so their calendar holds nothing) and no manage link.
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { catalogLink, contact, footer, greeting, sessionFacts, type RenderContext } from './parts';

export function waitlistLeftMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'mail.waitlistLeft.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.waitlistLeft.intro'), strong: true },
      sessionFacts(p.session, ctx),
      { kind: 'text', text: t(lang, 'mail.cancelled.again') },
      catalogLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
