// A trainer's message to everyone booked on a session ("salle changée", "apportez vos
// identifiants EduConnect"), in the person's language when the trainer wrote it in that
// language, in French otherwise. No invite: nothing about the event changed.
import { t, type Lang } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, sessionTitle, type RenderContext } from './parts';

export function trainerText(p: Pick<RegistrationMessagePayload, 'message'>, lang: Lang): string {
  return (p.message?.[lang] ?? '').trim() || (p.message?.fr ?? '').trim();
}

export function sessionMessageMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  return {
    subject: t(lang, 'notify.mail.subject', { title: sessionTitle(p.session, lang).text }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'notify.mail.intro', { organisation: p.session.organisation }), strong: true },
      { kind: 'text', text: trainerText(p, lang) },
      sessionFacts(p.session, ctx, { code: p.code }),
      ...manageLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
