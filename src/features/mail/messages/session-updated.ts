// "The session moved" (the organiser changed it) and "your booking moved" (the person chose
// another date): new time and place beside the old ones, with the updated invite (same UID,
// higher SEQUENCE).
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { inviteNote, manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

function changed(texts: 'mail.sessionUpdated' | 'mail.moved', cantCome: string) {
  return (p: RegistrationMessagePayload, ctx: RenderContext): Draft =>
    registrationDraft(texts, p, ctx, [
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults, previous: p.previous, dateId: p.dateId }),
      ...manageLink(ctx),
      { kind: 'text', text: t(ctx.lang, cantCome) },
      // The intro already says the attached invite updates the calendar.
      ...inviteNote(ctx, { attached: false }),
    ]);
}

export const sessionUpdatedMessage = changed('mail.sessionUpdated', 'mail.sessionUpdated.cantCome');
export const movedMessage = changed('mail.moved', 'mail.confirmed.cantCome');
