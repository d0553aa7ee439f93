// The reminders two days and one day before (no invite: the calendar already has the event),
// each with a "Je ne pourrai pas venir" button that frees the seat for the waitlist.
import { t } from '~/i18n';
import { parisDaysBetween } from '~/platform/text/dates';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import type { Block, Draft } from './layout';
import { focusDate } from '~/features/courses/course-dates';
import { cantComeUrl, manageLink, registrationDraft, sessionFacts, type RenderContext } from './parts';

// Counted when the message is written, not when it was queued: a reminder held back by a
// mail server that was down says "tomorrow", not "the day after tomorrow".
function variant(p: RegistrationMessagePayload, now: number): '' | 'Tomorrow' | 'InTwoDays' {
  const days = parisDaysBetween(now, p.session.startsAt);
  return days === 1 ? 'Tomorrow' : days === 2 ? 'InTwoDays' : '';
}

function cantCome(ctx: RenderContext): Block[] {
  if (!ctx.manageUrl) return [];
  return [
    { kind: 'text', text: t(ctx.lang, 'mail.reminder.cantCome') },
    { kind: 'button', label: t(ctx.lang, 'mail.reminder.cantComeButton'), href: cantComeUrl(ctx.manageUrl) },
  ];
}

// A course's reminder is about the coming date: its subject, "tomorrow" and facts say that date.
export function reminderMessage(payload: RegistrationMessagePayload, ctx: RenderContext): Draft {
  const p = { ...payload, session: { ...payload.session, ...focusDate(payload.session, payload.dateId) } };
  return registrationDraft(
    'mail.reminder',
    p,
    ctx,
    [sessionFacts(p.session, ctx, { code: p.code, adults: p.adults, dateId: p.dateId }), ...cantCome(ctx), ...manageLink(ctx)],
    variant(p, ctx.now),
  );
}
