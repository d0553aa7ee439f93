// "Your seat is booked", with the invite (METHOD:REQUEST).
import { t } from '../../../i18n';
import type { RegistrationMessagePayload } from '../outbox';
import type { Draft } from './layout';
import { manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

export function confirmedMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  return registrationDraft('mail.confirmed', p, ctx, [
    sessionFacts(p.session, ctx, { code: p.code, adults: p.adults }),
    { kind: 'text', text: t(ctx.lang, 'mail.common.inviteAttached') },
    ...manageLink(ctx),
    { kind: 'text', text: t(ctx.lang, 'mail.confirmed.cantCome') },
  ]);
}
