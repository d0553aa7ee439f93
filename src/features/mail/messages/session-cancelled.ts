// "The organiser cancelled the session", with the reason; a CANCEL invite for those who had
// a seat, a plain message for those still on the waitlist.
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { catalogLink, contact, footer, greeting, sessionFacts, subjectLine, type RenderContext } from './parts';

export function sessionCancelledMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const { organisation, cancelReason } = p.session;
  const intro = p.status === 'waitlisted' ? 'mail.sessionCancelled.introWaitlisted' : 'mail.sessionCancelled.intro';
  return {
    subject: subjectLine('mail.sessionCancelled.subject', p.session, ctx),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, intro, { organisation }), strong: true },
      ...(cancelReason ? [{ kind: 'text' as const, text: t(lang, 'mail.sessionCancelled.reason', { reason: cancelReason }) }] : []),
      sessionFacts(p.session, ctx),
      catalogLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
