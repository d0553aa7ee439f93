// "Your seat is booked" and "a seat freed up, you are in": both with the invite
// (METHOD:REQUEST) and the manage link.
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { inviteNote, manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

function seated(texts: 'mail.confirmed' | 'mail.promoted') {
  return (p: RegistrationMessagePayload, ctx: RenderContext): Draft =>
    registrationDraft(texts, p, ctx, [
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
      ...inviteNote(ctx),
      ...manageLink(ctx),
      { kind: 'text', text: t(ctx.lang, `${texts}.cantCome`) },
    ]);
}

export const confirmedMessage = seated('mail.confirmed');
export const promotedMessage = seated('mail.promoted');
