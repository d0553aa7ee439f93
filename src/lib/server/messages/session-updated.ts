// "The session moved" (the organiser changed it) and "your booking moved" (the person chose
// another date): new time and place beside the old ones, with the updated invite (same UID,
// higher SEQUENCE).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, type RenderContext } from './parts';

function changed(texts: 'mail.sessionUpdated' | 'mail.moved', cantCome: string) {
  return (p: RegistrationMessagePayload, ctx: RenderContext): Draft => {
    const { lang } = ctx;
    return {
      subject: t(lang, `${texts}.subject`, { title: p.session.title }),
      blocks: [
        greeting(p, ctx),
        { kind: 'text', text: t(lang, `${texts}.intro`), strong: true },
        sessionFacts(p.session, ctx, { code: p.code, adults: p.adults, previous: p.previous }),
        ...manageLink(ctx),
        { kind: 'text', text: t(lang, cantCome) },
        contact(p.session, ctx),
        footer(ctx),
      ],
    };
  };
}

export const sessionUpdatedMessage = changed('mail.sessionUpdated', 'mail.sessionUpdated.cantCome');
export const movedMessage = changed('mail.moved', 'mail.confirmed.cantCome');
