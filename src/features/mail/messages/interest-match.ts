// "A workshop is coming near your child's school": to a parent who asked to be told, with the
// session's page in their language and a link to stop these messages.
import { localePath, t } from '~/i18n';
import type { InterestMatchPayload } from '~/features/interest/interest-match.server';
import type { Draft } from './layout';
import { contact, footer, sessionFacts, sessionTitle, type RenderContext } from './parts';

export function interestMatchMessage(p: InterestMatchPayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const session = { ...p.session, status: 'scheduled', cancelReason: null, changeCount: 0 };
  return {
    subject: t(lang, 'interest.mail.subject', { title: sessionTitle(p.session, lang).text }),
    blocks: [
      { kind: 'text', text: t(lang, 'mail.common.greetingNoName') },
      { kind: 'text', text: t(lang, 'interest.mail.intro', { school: p.school }), strong: true },
      sessionFacts(session, ctx),
      {
        kind: 'button',
        label: t(lang, 'interest.mail.book'),
        href: `${ctx.publicUrl}${localePath(lang, `/sessions/${p.session.id}`)}`,
        hint: t(lang, 'interest.mail.bookHint'),
      },
      ...(ctx.manageUrl
        ? [
            {
              kind: 'lines' as const,
              small: true,
              lines: [t(lang, 'interest.mail.why'), { label: t(lang, 'interest.mail.stop'), href: ctx.manageUrl }],
            },
          ]
        : []),
      contact(session, ctx),
      footer(ctx),
    ],
  };
}
