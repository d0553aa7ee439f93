// "The session is full, you are number N on the waitlist" (no invite: no seat yet).
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, subjectLine, type RenderContext } from './parts';

export function waitlistedMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: subjectLine('mail.waitlisted.subject', p.session, ctx),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'mail.waitlisted.intro', { position: p.waitlistPosition }), strong: true },
      { kind: 'text', text: t(lang, 'mail.waitlisted.next') },
      sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
      ...manageLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
