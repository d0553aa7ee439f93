// Pieces every message shares: greeting, the session facts with a map link, the manage link,
// who to contact, the footer.
import { DEFAULT_LANG, t, type Lang } from '~/i18n';
import { formatDayTime, formatSessionWhen } from '~/platform/text/dates';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { headerSafe } from '~/features/mail/mail-address';
import { formatBookingCode } from '~/platform/text/tokens';
import type { Block, Draft, Fact } from './layout';
import type { SessionSnapshot } from '~/features/mail/outbox/session-snapshot';
import { publicText, type LocalText } from '~/features/sessions/public-texts';
import { focusDate, inOrder } from '~/features/courses/course-dates';

export interface RenderContext {
  lang: Lang;
  // Minted when the message is sent (the outbox never stores secrets); null when the booking
  // is gone or erased, or in an admin preview.
  manageUrl: string | null;
  publicUrl: string;
  now: number;
}

type Session = RegistrationMessagePayload['session'];
type Place = Pick<Session, 'venueName' | 'venueAddress'>;

export function greeting(p: RegistrationMessagePayload, ctx: RenderContext): Block {
  const name = p.firstName ? headerSafe(p.firstName, 80) : '';
  return { kind: 'text', text: name ? t(ctx.lang, 'mail.common.greeting', { name }) : t(ctx.lang, 'mail.common.greetingNoName') };
}

// The session's title in the reader's language when the trainer wrote it, French otherwise
// (public-texts.ts chooses, as the pages do).
export function sessionTitle(session: Session | SessionSnapshot, lang: Lang): LocalText {
  return publicText(session, 'title', lang);
}

export function placeText(place: Place): string {
  return [place.venueName, place.venueAddress].filter(Boolean).join(', ');
}

// OpenStreetMap's search needs no key and no tracking; it opens in any phone browser.
export function mapUrl(place: Place): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(placeText(place))}`;
}

export interface FactOptions {
  code?: string;
  adults?: number;
  previous?: RegistrationMessagePayload['previous'];
  // The date of a course the message is about (moved, cancelled).
  dateId?: number | null;
}

export function sessionFacts(session: Session, ctx: RenderContext, options: FactOptions = {}): Block {
  const { lang, now } = ctx;
  const slot = focusDate(session, options.dateId);
  const when = formatSessionWhen(slot.startsAt, slot.endsAt, lang, now);
  const before = options.previous;
  const wasWhen = before && formatSessionWhen(before.startsAt, before.endsAt, lang, now);
  const wasWhere = before && placeText(before);
  const title = sessionTitle(session, lang);
  const rows: Fact[] = [
    // A title in the reader's language when the trainer wrote one; a French one (and places,
    // always French) said so to the reader's software.
    { label: t(lang, 'mail.common.what'), value: title.text, valueLang: title.lang === lang ? undefined : title.lang },
    {
      label: t(lang, 'mail.common.when'),
      value: when,
      note: wasWhen && wasWhen !== when ? t(lang, 'mail.sessionUpdated.was', { value: wasWhen }) : undefined,
    },
    {
      label: t(lang, 'mail.common.where'),
      value: placeText(session),
      valueLang: lang === 'fr' ? undefined : 'fr',
      note: wasWhere && wasWhere !== placeText(session) ? t(lang, 'mail.sessionUpdated.was', { value: wasWhere }) : undefined,
      link: { label: t(lang, 'mail.common.map'), href: mapUrl(session) },
    },
  ];
  const dates = courseDatesText(session, lang, now);
  if (dates) rows.splice(2, 0, { label: t(lang, 'courses.mail.allDates'), value: dates });
  if (options.adults) rows.push({ label: t(lang, 'mail.common.people'), value: t(lang, 'mail.common.adults', { n: options.adults }) });
  if (options.code)
    rows.push({ label: t(lang, 'mail.common.code'), value: formatBookingCode(options.code), note: t(lang, 'mail.common.codeHint') });
  return { kind: 'facts', rows };
}

// Every date of a course, in order ("annulée" beside a cancelled one); null for a single date.
export function courseDatesText(session: Pick<Session, 'dates'>, lang: Lang, now: number): string | null {
  const dates = inOrder(session.dates);
  if (dates.length < 2) return null;
  return dates
    .map((d) => {
      const when = formatSessionWhen(d.startsAt, d.endsAt, lang, now);
      return d.status === 'cancelled' ? t(lang, 'courses.mail.cancelledDate', { when }) : when;
    })
    .join(' ; ');
}

export function manageLink(ctx: RenderContext): Block[] {
  if (!ctx.manageUrl) return [];
  return [{ kind: 'button', label: t(ctx.lang, 'mail.common.manage'), href: ctx.manageUrl, hint: t(ctx.lang, 'mail.common.manageHint') }];
}

// The "I can't come" page of a manage link (`…/r/<token>/annuler`): one button frees the seat.
export function cantComeUrl(manageUrl: string): string {
  return `${manageUrl}/annuler`;
}

// What an email with an invite says about it: that it updates the calendar, and that
// declining it there frees nothing (the invite asks no answer, but calendars offer one).
export function inviteNote(ctx: RenderContext, { attached = true } = {}): Block[] {
  return [
    ...(attached ? [{ kind: 'text' as const, text: t(ctx.lang, 'mail.common.inviteAttached') }] : []),
    { kind: 'text', text: t(ctx.lang, 'mail.common.howToCancel') },
  ];
}

// The catalog in the reader's language: `/`, `/ar/`, `/en/`.
export function catalogUrl(ctx: Pick<RenderContext, 'lang' | 'publicUrl'>): string {
  return `${ctx.publicUrl}/${ctx.lang === DEFAULT_LANG ? '' : `${ctx.lang}/`}`;
}

export function catalogLink(ctx: RenderContext): Block {
  return { kind: 'button', label: t(ctx.lang, 'mail.common.otherSessions'), href: catalogUrl(ctx) };
}

// Longest subject kept whole; a longer title is shortened so the date and time always show.
const SUBJECT_MAX = 180;

// "Inscription confirmée : <title> — mardi 8 décembre, 14 h": the day and start time in every
// subject, where a phone's list of mails shows it without opening the message.
export function subjectLine(key: string, session: SessionSnapshot, ctx: RenderContext): string {
  const when = formatDayTime(session.startsAt, ctx.lang, ctx.now);
  const title = headerSafe(sessionTitle(session, ctx.lang).text, 1000);
  const line = (value: string) => t(ctx.lang, key, { title: value, when });
  const over = line(title).length - SUBJECT_MAX;
  return over <= 0 ? line(title) : line(`${title.slice(0, Math.max(0, title.length - over - 1)).trimEnd()}…`);
}

export function contact(session: Session, ctx: RenderContext): Block {
  const { lang } = ctx;
  const lines: Block & { kind: 'lines' } = {
    kind: 'lines',
    lines: [t(lang, 'mail.common.contact', { organisation: session.organisation })],
  };
  if (session.contactEmail) {
    lines.lines.push({
      label: t(lang, 'mail.common.contactEmail', { email: session.contactEmail }),
      href: `mailto:${session.contactEmail}`,
    });
  }
  if (session.contactPhone) {
    lines.lines.push({
      label: t(lang, 'mail.common.contactPhone', { phone: session.contactPhone }),
      href: `tel:${session.contactPhone.replace(/[^\d+]/g, '')}`,
    });
  }
  return lines;
}

export function footer(ctx: RenderContext): Block {
  return { kind: 'lines', small: true, lines: [t(ctx.lang, 'mail.common.footer')] };
}

// A message about one registration: subject and bold first line from `texts` ("mail.confirmed"
// gives mail.confirmed.subject and mail.confirmed.intro), then `body`, who to contact, footer.
// `variant` picks `subject<Variant>` and `intro<Variant>` (the reminder's "Tomorrow").
export function registrationDraft(texts: string, p: RegistrationMessagePayload, ctx: RenderContext, body: Block[], variant = ''): Draft {
  return {
    subject: subjectLine(`${texts}.subject${variant}`, p.session, ctx),
    blocks: [
      greeting(p, ctx),
      { kind: 'text', text: t(ctx.lang, `${texts}.intro${variant}`), strong: true },
      ...body,
      contact(p.session, ctx),
      footer(ctx),
    ],
  };
}
