// The reminder the day before (no invite: the calendar already has the event).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, type RenderContext } from './parts';

export function reminderMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'mail.reminder.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.reminder.intro'), strong: true },
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
      ...manageLink(ctx),
      { kind: 'text', text: t(lang, 'mail.reminder.cantCome') },
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
