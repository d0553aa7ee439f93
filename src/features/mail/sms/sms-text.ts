// One SMS per message kind, from the same payload as the email: what happened, the
// workshop's name (in the reader's language when the trainer wrote one), the date and time
// in words (Paris time), the booking code and the link, one per line. It must fit the budget (2 segments of GSM-7 in French and English, 3 of
// UCS-2 in Arabic): when it does not, the optional lines go first, then the title is
// shortened; the code and the links are never cut. French and English stay GSM-7.
import { localePath, type Lang } from '~/i18n';
import type { MessageKind, RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { formatSessionWhen, joinDateParts, utcToParisLocal } from '~/platform/text/dates';
import { formatBookingCode } from '~/platform/text/tokens';
import { fitSms, type Line, type SmsText } from './sms-fit';
import { focusDate } from '~/features/courses/course-dates';

export { SMS_SEGMENT_BUDGET, shorten, type SmsText } from './sms-fit';
import { trainerText } from '~/features/mail/messages/session-message';
import { publicText } from '~/features/sessions/public-texts';

export interface SmsContext {
  lang: Lang;
  // The manage link in the person's language (smsManageUrl); null when there is nothing to
  // manage any more, or in an admin preview.
  manageUrl: string | null;
  publicUrl: string;
  now: number;
}

// `/r/<token>`, `/ar/r/<token>`, `/en/r/<token>`: the page opens in the language of the SMS.
export function smsManageUrl(publicUrl: string, lang: Lang, token: string): string {
  return `${publicUrl}${localePath(lang, `/r/${token}`)}`;
}

// What gives way first: the "what happens next" hint, the old date, the place, then half
// the title, the cancellation reason, the rest of the title, the link to other workshops,
// and last a new place (the manage page has it, with the map).
const CUT = { hint: 1, was: 2, place: 3, title: 4, reason: 5, titleMore: 6, reasonAll: 7, catalog: 8, newPlace: 9 };

const KEYS: Record<MessageKind, string> = {
  confirmed: 'confirmed',
  promoted: 'promoted',
  moved: 'moved',
  waitlisted: 'waitlisted',
  'session-updated': 'sessionUpdated',
  'session-cancelled': 'sessionCancelled',
  'date-cancelled': 'dateCancelled',
  cancelled: 'cancelled',
  'waitlist-left': 'waitlistLeft',
  reminder: 'reminder',
  'link-resent': 'linkResent',
  'session-message': 'sessionMessage',
  'missed-you': 'missedYou',
};

const ENDED = new Set<MessageKind>(['session-cancelled', 'cancelled', 'waitlist-left']);

// A course's own kinds keep their texts in the courses area.
function headKey(key: string): string {
  return key === 'dateCancelled' ? 'courses.sms.dateCancelled' : `sms.${key}.head`;
}

function reminderHead(p: RegistrationMessagePayload, now: number): string {
  const day = (ms: number) => Date.parse(`${utcToParisLocal(ms).date}T00:00:00Z`);
  const days = Math.round((day(focusDate(p.session, p.dateId).startsAt) - day(now)) / 86_400_000);
  return days === 1 ? 'sms.reminder.headTomorrow' : days === 2 ? 'sms.reminder.headInTwoDays' : 'sms.reminder.head';
}

function lines(p: RegistrationMessagePayload, ctx: SmsContext): Line[] {
  const { lang, now } = ctx;
  const s = p.session;
  if (!Object.hasOwn(KEYS, p.kind)) throw new Error(`no SMS for message kind "${p.kind}"`);
  const key = KEYS[p.kind];
  const slot = focusDate(s, p.dateId);
  const when = formatSessionWhen(slot.startsAt, slot.endsAt, lang, now);
  if (p.kind === 'session-message') return trainerMessageLines(p, ctx, when);
  if (p.kind === 'missed-you') return missedYouLines(p, ctx);
  const out: Line[] = [
    { key: p.kind === 'reminder' ? reminderHead(p, now) : headKey(key), params: { position: p.waitlistPosition } },
    {
      key: null,
      params: { value: publicText(s, 'title', lang).text },
      cuts: [
        { order: CUT.title, param: 'value', min: 40 },
        { order: CUT.titleMore, param: 'value', min: 24 },
      ],
    },
    { key: null, params: { value: when } },
  ];
  const before = p.previous;
  const placeMoved = before && (before.venueName !== s.venueName || before.venueAddress !== s.venueAddress);
  // A place is there whole or not at all ("École élémentaire..." says nothing); a new place
  // keeps its name longest, its address goes first.
  if (!ENDED.has(p.kind)) {
    out.push({ key: null, params: { value: s.venueName }, cuts: [{ order: placeMoved ? CUT.newPlace : CUT.place, min: 0 }] });
    if (placeMoved && s.venueAddress) out.push({ key: null, params: { value: s.venueAddress }, cuts: [{ order: CUT.place, min: 0 }] });
  }
  if (p.kind === 'session-updated' && before) {
    const wasWhen = formatSessionWhen(before.startsAt, before.endsAt, lang, now);
    const was = joinDateParts([wasWhen !== when ? wasWhen : '', placeMoved ? before.venueName : ''], lang);
    if (was) out.push({ key: 'sms.sessionUpdated.was', params: { value: was }, cuts: [{ order: CUT.was, param: 'value', min: 0 }] });
  }
  const moreDates = (s.dates ?? []).filter((d) => d.status !== 'cancelled' && d.id !== p.dateId).length;
  if (s.dates && s.dates.length > 1 && p.kind !== 'session-cancelled')
    out.push({ key: 'courses.sms.moreDates', params: { n: moreDates }, cuts: [{ order: CUT.hint, min: 0 }] });
  const reason = p.kind === 'session-cancelled' ? s.cancelReason : p.kind === 'date-cancelled' ? p.dateReason : null;
  if (reason) {
    out.push({
      key: 'sms.sessionCancelled.reason',
      params: { reason },
      cuts: [
        { order: CUT.reason, param: 'reason', min: 30 },
        { order: CUT.reasonAll, param: 'reason', min: 0 },
      ],
    });
  }
  if (p.kind === 'waitlisted') out.push({ key: 'sms.waitlisted.next', params: {}, cuts: [{ order: CUT.hint, min: 0 }] });
  out.push({ key: 'sms.common.code', params: { code: formatBookingCode(p.code) } });
  if (ENDED.has(p.kind)) {
    out.push({
      key: 'sms.common.catalog',
      params: { link: `${ctx.publicUrl}${localePath(lang, '/')}` },
      cuts: [{ order: CUT.catalog, min: 0 }],
    });
  } else if (ctx.manageUrl) {
    const manage =
      p.kind === 'waitlisted' ? 'sms.common.manageWaitlist' : p.kind === 'reminder' ? 'sms.reminder.cantCome' : 'sms.common.manage';
    out.push({ key: manage, params: { link: ctx.manageUrl } });
  }
  return out;
}

// The next date is the point; the title gives way first. The booking code means nothing now.
function missedYouLines(p: RegistrationMessagePayload, ctx: SmsContext): Line[] {
  const { lang, now } = ctx;
  const next = p.nextDates?.[0];
  const out: Line[] = [
    { key: 'missedYou.sms.head', params: {} },
    { key: null, params: { value: p.session.title }, cuts: [{ order: CUT.title, param: 'value', min: 24 }] },
  ];
  if (next) {
    out.push({ key: 'missedYou.sms.next', params: { when: formatSessionWhen(next.startsAt, next.endsAt, lang, now) } });
    out.push({ key: 'missedYou.sms.book', params: { link: `${ctx.publicUrl}${localePath(lang, `/sessions/${next.id}`)}` } });
  } else {
    out.push({ key: 'sms.common.catalog', params: { link: `${ctx.publicUrl}${localePath(lang, '/')}` } });
  }
  return out;
}

// The trainer's own words come whole; the code, the title and at last the link give way.
function trainerMessageLines(p: RegistrationMessagePayload, ctx: SmsContext, when: string): Line[] {
  const out: Line[] = [
    { key: 'sms.sessionMessage.head', params: {} },
    {
      key: null,
      params: { value: publicText(p.session, 'title', ctx.lang).text },
      cuts: [
        { order: CUT.title, param: 'value', min: 40 },
        { order: CUT.titleMore, param: 'value', min: 0 },
      ],
    },
    { key: null, params: { value: when } },
    { key: null, params: { value: trainerText(p, ctx.lang) } },
    { key: 'sms.common.code', params: { code: formatBookingCode(p.code) }, cuts: [{ order: CUT.hint, min: 0 }] },
  ];
  if (ctx.manageUrl) out.push({ key: 'sms.common.manage', params: { link: ctx.manageUrl }, cuts: [{ order: CUT.newPlace, min: 0 }] });
  return out;
}

export function smsText(p: RegistrationMessagePayload, ctx: SmsContext): SmsText {
  return fitSms(lines(p, ctx), ctx.lang);
}
