// The reminder the day before (no invite: the calendar already has the event).
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

export function reminderMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  return registrationDraft('mail.reminder', p, ctx, [
    sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
    ...manageLink(ctx),
    { kind: 'text', text: t(ctx.lang, 'mail.reminder.cantCome') },
  ]);
}
