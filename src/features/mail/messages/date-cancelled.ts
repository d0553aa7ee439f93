// "One date of your course is cancelled", with the reason and the dates still held; a CANCEL
// of that date's event for those who had a seat (the other dates stay in their calendars).
import { t } from '~/i18n';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { focusDate } from '~/features/courses/course-dates';
import type { Draft } from './layout';
import { contact, footer, greeting, manageLink, sessionFacts, subjectLine, type RenderContext } from './parts';

export function dateCancelledMessage(p: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const date = focusDate(p.session, p.dateId);
  return {
    subject: subjectLine('courses.mail.dateCancelled.subject', { ...p.session, startsAt: date.startsAt }, ctx),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(lang, 'courses.mail.dateCancelled.intro', { organisation: p.session.organisation }), strong: true },
      ...(p.dateReason ? [{ kind: 'text' as const, text: t(lang, 'mail.sessionCancelled.reason', { reason: p.dateReason }) }] : []),
      sessionFacts(p.session, ctx, { code: p.code, dateId: p.dateId }),
      { kind: 'text', text: t(lang, 'courses.mail.dateCancelled.rest') },
      ...manageLink(ctx),
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
