// "Your booking is cancelled" (METHOD:CANCEL), and "you are no longer on the waitlist" (no
// invite: there was never a seat in their calendar). No manage link: there is nothing left to
// manage, and the person may have asked to be erased.
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { catalogLink, contact, footer, greeting, sessionFacts, type RenderContext } from './parts';

function goodbye(texts: 'mail.cancelled' | 'mail.waitlistLeft') {
  return (p: RegistrationMessagePayload, ctx: RenderContext): Draft => {
    const { lang } = ctx;
    return {
      subject: t(lang, `${texts}.subject`, { title: p.session.title }),
      blocks: [
        greeting(p, ctx),
        { kind: 'text', text: t(lang, `${texts}.intro`), strong: true },
        sessionFacts(p.session, ctx),
        { kind: 'text', text: t(lang, 'mail.cancelled.again') },
        catalogLink(ctx),
        contact(p.session, ctx),
        footer(ctx),
      ],
    };
  };
}

export const cancelledMessage = goodbye('mail.cancelled');
export const waitlistLeftMessage = goodbye('mail.waitlistLeft');
