// "You are already signed up: here is your link again", sent to the contact on file when
// someone books again with it (DESIGN rule 2). The worker mints the link when it sends.
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

export function linkResentMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  return registrationDraft('privacyNotice.linkResent', p, ctx, [
    sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
    ...manageLink(ctx),
    { kind: 'text', text: t(ctx.lang, 'privacyNotice.linkResent.why') },
  ]);
}
