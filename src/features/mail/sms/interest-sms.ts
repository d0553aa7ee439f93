// The "prévenez-moi" SMS, for a parent who left only a phone: a workshop near their child's
// school, its name, date and place, the link to book (in their language) and the short link
// that stops these messages. Same budget as every SMS: the place goes first, then the title
// is shortened; the link to book is never cut, and the stop link only gives way when a long
// PUBLIC_URL leaves no other choice (the email and the request's own page carry it too).
import { localePath } from '~/i18n';
import type { InterestMatchPayload } from '~/features/interest/interest-match.server';
import { publicText } from '~/features/sessions/public-texts';
import { formatSessionWhen } from '~/platform/text/dates';
import { fitSms, type SmsText } from './sms-fit';
import type { SmsContext } from './sms-text';

const CUT = { place: 1, title: 2, stop: 3, titleMore: 4 };

// `ctx.manageUrl` is the withdrawal link (short: `/p/<token>`), null once the request is gone.
export function interestSmsText(p: InterestMatchPayload, ctx: SmsContext): SmsText {
  const { lang } = ctx;
  const s = p.session;
  return fitSms(
    [
      { key: 'interest.sms.head', params: {} },
      {
        key: null,
        params: { value: publicText(s, 'title', lang).text },
        cuts: [
          { order: CUT.title, param: 'value', min: 24 },
          { order: CUT.titleMore, param: 'value', min: 0 },
        ],
      },
      { key: null, params: { value: formatSessionWhen(s.startsAt, s.endsAt, lang, ctx.now) } },
      { key: null, params: { value: s.venueName }, cuts: [{ order: CUT.place, min: 0 }] },
      { key: 'interest.sms.book', params: { link: `${ctx.publicUrl}${localePath(lang, `/sessions/${s.id}`)}` } },
      ...(ctx.manageUrl ? [{ key: 'interest.sms.stop', params: { link: ctx.manageUrl }, cuts: [{ order: CUT.stop, min: 0 }] }] : []),
    ],
    lang,
  );
}
