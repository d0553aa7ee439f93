// "We missed you": after a session someone booked and did not come to, a kind word and the
// next dates of the same workshop, each a link to book (nothing to cancel any more).
import { localePath, t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { formatSessionWhen } from '~/platform/text/dates';
import type { Draft } from './layout';
import { contact, footer, greeting, type RenderContext } from './parts';

export function missedYouMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const next = p.nextDates ?? [];
  const link = (id: number) => `${ctx.publicUrl}${localePath(lang, `/sessions/${id}`)}`;
  return {
    subject: t(lang, 'missedYou.mail.subject', { title: p.session.title }),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'missedYou.mail.intro', { title: p.session.title }), strong: true },
      { kind: 'text', text: next.length ? t(lang, 'missedYou.mail.next') : t(lang, 'missedYou.mail.noNext') },
      ...(next.length ? [{ kind: 'text' as const, text: t(lang, 'missedYou.mail.nextLabel'), strong: true }] : []),
      {
        kind: 'lines',
        lines: next.length
          ? next.map((d) => ({ label: `${formatSessionWhen(d.startsAt, d.endsAt, lang, ctx.now)} · ${d.venueName}`, href: link(d.id) }))
          : [{ label: t(lang, 'missedYou.mail.catalog'), href: `${ctx.publicUrl}${localePath(lang, '/')}` }],
      },
      { kind: 'text', text: t(lang, 'missedYou.mail.tip') },
      { kind: 'lines', small: true, lines: [t(lang, 'missedYou.mail.why')] },
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
