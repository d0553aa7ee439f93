// "Your booking is cancelled" (METHOD:CANCEL), and "you are no longer on the waitlist" (no
// invite: there was never a seat in their calendar). No manage link: there is nothing left to
// manage, and the person may have asked to be erased.
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { catalogLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

function goodbye(texts: 'mail.cancelled' | 'mail.waitlistLeft') {
  return (p: RegistrationMessagePayload, ctx: RenderContext): Draft =>
    registrationDraft(texts, p, ctx, [
      sessionFacts(p.session, ctx),
      { kind: 'text', text: t(ctx.lang, 'mail.cancelled.again') },
      catalogLink(ctx),
    ]);
}

export const cancelledMessage = goodbye('mail.cancelled');
export const waitlistLeftMessage = goodbye('mail.waitlistLeft');
