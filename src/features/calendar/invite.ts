// Calendar invites (DESIGN rule 4): one conversation per registration, with a stable UID and
// a SEQUENCE that grows with every invite; Europe/Paris times with their VTIMEZONE; no secret
// links, because calendars get shared.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from 'ical-generator';
import { eq } from 'drizzle-orm';
import { organisations, sessions, tracks } from '~db/schema';
import { t, type Lang } from '~/i18n';
import { parisDate, TIME_ZONE } from '~/platform/text/dates';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { displayName, parseMailbox } from '~/features/mail/mail-address';
import { mailLanguage } from '~/features/mail/messages/language';
import type { RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { findByManageToken, type Registration } from '~/features/registration/find-registration.server';
import { formatBookingCode } from '~/platform/text/tokens';
import { inOrder, type CourseDate } from '~/features/courses/course-dates';
import { datesJson } from '~/features/courses/course-dates.server';
import { publicText } from '~/features/sessions/public-texts';

export type InviteMethod = 'REQUEST' | 'CANCEL';
export type InviteSession = RegistrationMessagePayload['session'];

export interface InviteInput {
  registrationId: number;
  calendarUid: string | null;
  sequence: number;
  method: InviteMethod;
  language: Lang;
  code: string;
  attendee: { email: string; name: string | null } | null;
  session: InviteSession;
  // The one date of a course this invite is about (a date moved or cancelled).
  dateId?: number | null;
}

export const ALARMS_BEFORE_SECONDS = [24 * 3600, 2 * 3600];

export function publicHost(): string {
  return new URL(config.publicUrl).hostname;
}

// Not a host of ours on purpose: the UID must stay the same when PUBLIC_URL changes.
export const CALENDAR_UID_DOMAIN = 'passerelle';

// A registration's invites share one UID, random (registrations.calendar_uid). Rows from before
// it keep the UID their first invites carried, or calendars would hold the event twice.
// A course's dates are one event each (DESIGN rule 4): the registration's UID with the date's id.
export function inviteUid(registrationId: number, calendarUid: string | null | undefined, dateId?: number | null): string {
  const date = dateId == null ? '' : `-${dateId}`;
  return calendarUid ? `${calendarUid}${date}@${CALENDAR_UID_DOMAIN}` : `registration-${registrationId}${date}@${publicHost()}`;
}

// The events an invite carries: one for a single session; for a course, every date held (a
// REQUEST) or every date (a CANCEL of the booking or the course), or only the one date a
// change is about (`dateId`), so the calendar's other events stay as they are.
export function inviteEvents(
  input: Pick<InviteInput, 'method' | 'session' | 'dateId'>,
): { dateId: number | null; startsAt: number; endsAt: number }[] {
  const dates = inOrder(input.session.dates);
  if (!dates.length) return [{ dateId: null, startsAt: input.session.startsAt, endsAt: input.session.endsAt }];
  const chosen =
    input.dateId != null
      ? dates.filter((d) => d.id === input.dateId)
      : dates.filter((d) => input.method === 'CANCEL' || d.status !== 'cancelled');
  return chosen.map((d) => ({ dateId: d.id, startsAt: d.startsAt, endsAt: d.endsAt }));
}

// A calendar with the Paris VTIMEZONE. The zone is given without a name on purpose: with a
// named calendar zone, ical-generator would write DTSTAMP as local time instead of UTC.
export function parisCalendar(method: ICalCalendarMethod | null): ICalCalendar {
  const calendar = ical({ prodId: { company: 'Passerelle', product: 'Passerelle', language: 'FR' } });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  if (method) calendar.method(method);
  return calendar;
}

export function sessionLocation(session: Pick<InviteSession, 'venueName' | 'venueAddress'>): string {
  return [session.venueName, session.venueAddress].filter(Boolean).join(', ');
}

// The title in the person's language where the trainer wrote one (the session's own, or its
// track's while the session keeps the track's title), else French (public-texts.ts decides).
export function inviteTitle(input: Pick<InviteInput, 'session' | 'language'>): string {
  return publicText(input.session, 'title', input.language).text;
}

function inviteDescription(input: InviteInput): string {
  const { session, language: lang } = input;
  const contact = [session.contactEmail, session.contactPhone].filter(Boolean).join(', ');
  return [
    input.method === 'CANCEL' ? t(lang, session.status === 'cancelled' ? 'mail.invite.cancelled' : 'mail.invite.bookingCancelled') : null,
    input.method === 'CANCEL' && session.cancelReason ? t(lang, 'mail.invite.reason', { reason: session.cancelReason }) : null,
    t(lang, 'mail.invite.organiser', { organisation: session.organisation }),
    t(lang, 'mail.invite.code', { code: formatBookingCode(input.code) }),
    input.method === 'REQUEST' ? t(lang, 'mail.invite.howToCancel') : null,
    contact ? t(lang, 'mail.invite.contact', { contact }) : null,
  ]
    .filter(Boolean)
    .join('\n');
}

export function buildInvite(input: InviteInput, now = Date.now()): string {
  const organizer = parseMailbox(config.mailFrom);
  const calendar = parisCalendar(input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  const cancel = input.method === 'CANCEL';
  for (const event of inviteEvents(input)) addEvent(calendar, input, event, organizer, cancel, now);
  return calendar.toString();
}

function addEvent(
  calendar: ICalCalendar,
  input: InviteInput,
  event: ReturnType<typeof inviteEvents>[number],
  organizer: ReturnType<typeof parseMailbox>,
  cancel: boolean,
  now: number,
) {
  calendar.createEvent({
    id: inviteUid(input.registrationId, input.calendarUid, event.dateId),
    sequence: input.sequence,
    stamp: new Date(now),
    start: parisDate(event.startsAt),
    end: parisDate(event.endsAt),
    timezone: TIME_ZONE,
    summary: inviteTitle(input),
    location: sessionLocation(input.session),
    description: inviteDescription(input),
    organizer: { name: organizer.name ?? 'Passerelle', email: organizer.address },
    // Already accepted, no answer asked: a reply nobody reads would not free the seat, and
    // Outlook's "Decline" would delete the event while the seat stays taken. The email says
    // how to cancel. A CANCEL asks nothing at all.
    attendees: input.attendee
      ? [
          {
            email: input.attendee.email,
            name: input.attendee.name,
            role: ICalAttendeeRole.REQ,
            ...(cancel ? {} : { rsvp: false, status: ICalAttendeeStatus.ACCEPTED }),
          },
        ]
      : [],
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    alarms: cancel
      ? []
      : ALARMS_BEFORE_SECONDS.map((seconds) => ({
          type: ICalAlarmType.display,
          triggerBefore: seconds,
          description: t(input.language, 'mail.invite.alarm', { title: inviteTitle(input) }),
        })),
  });
}

// The invite a queued message carries, or null for kinds without one. A person still on the
// waitlist never received an invite, so a session cancellation tells them without one.
export function inviteFromPayload(payload: RegistrationMessagePayload, language: string): InviteInput | null {
  if (!payload.method || payload.status === 'waitlisted') return null;
  return {
    registrationId: payload.registrationId,
    calendarUid: payload.calendarUid ?? null,
    sequence: payload.sequence,
    method: payload.method,
    language: mailLanguage(language),
    code: payload.code,
    attendee: payload.email ? { email: payload.email, name: displayName(payload.firstName, payload.lastName) } : null,
    session: payload.session,
    dateId: payload.dateId ?? null,
  };
}

export async function loadInviteSession(db: Db, sessionId: number): Promise<InviteSession | null> {
  const row = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      translations: sessions.translations,
      trackTitle: tracks.title,
      trackTranslations: tracks.translations,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      venueName: sessions.venueName,
      venueAddress: sessions.venueAddress,
      organisation: organisations.name,
      contactEmail: organisations.contactEmail,
      contactPhone: organisations.contactPhone,
      status: sessions.status,
      cancelReason: sessions.cancelReason,
      changeCount: sessions.changeCount,
      dates: datesJson(sessions.id).mapWith((text: string) => JSON.parse(text) as CourseDate[]),
    })
    .from(sessions)
    .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .leftJoin(tracks, eq(tracks.id, sessions.trackId))
    .where(eq(sessions.id, sessionId))
    .get();
  return row ? { ...row, dates: inOrder(row.dates) } : null;
}

// The registration's current state as an invite, for the download link. `invite_sequence` is
// the SEQUENCE of the next invite, so the current one is one below it. A waitlisted booking has
// no invite; neither has a cancelled one whose only bump was its own cancellation.
export async function inviteForRegistration(db: Db, registration: Registration, now = Date.now()) {
  const session = await loadInviteSession(db, registration.sessionId);
  if (!session || registration.status === 'waitlisted') return null;
  const cancelled = registration.status === 'cancelled' || session.status === 'cancelled';
  if (registration.status === 'cancelled' && registration.inviteSequence < 2) return null;
  const input: InviteInput = {
    registrationId: registration.id,
    calendarUid: registration.calendarUid,
    sequence: Math.max(registration.inviteSequence - 1, 0),
    method: cancelled ? 'CANCEL' : 'REQUEST',
    language: mailLanguage(registration.language),
    code: registration.code,
    attendee: registration.email ? { email: registration.email, name: displayName(registration.firstName, registration.lastName) } : null,
    session,
  };
  return { method: input.method, ics: buildInvite(input, now) };
}

// The download behind `/r/<token>/invite.ics`: null for an unknown link or no invite.
export async function inviteForManageToken(db: Db, token: string, now = Date.now()) {
  const registration = await findByManageToken(db, token);
  return registration ? inviteForRegistration(db, registration, now) : null;
}
