// "A seat freed up, you are in", with the invite (METHOD:REQUEST).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

export function promotedMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  return registrationDraft('mail.promoted', p, ctx, [
    sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
    { kind: 'text', text: t(ctx.lang, 'mail.common.inviteAttached') },
    ...manageLink(ctx),
    { kind: 'text', text: t(ctx.lang, 'mail.promoted.cantCome') },
  ]);
}
