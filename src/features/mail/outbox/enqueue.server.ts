// Writing to the transactional outbox. Messages about registrations are queued by statements
// that run in the same batch as the change, with a snapshot of what to say.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { organisations, outbox, registrations, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { frozen, insertColumns } from '~/platform/db/query-parts';
import { waitlistPosition } from '~/features/registration/seat-sql';
import { sessionSnapshot, type SessionSnapshot } from './session-snapshot';
import type { CourseDate } from '~/features/courses/course-dates';
import { datesJson } from '~/features/courses/course-dates.server';

// Kinds whose email carries a calendar invite (DESIGN rule 4).
export const INVITE_KINDS = {
  confirmed: 'REQUEST',
  promoted: 'REQUEST',
  'session-updated': 'REQUEST',
  moved: 'REQUEST',
  cancelled: 'CANCEL',
  'session-cancelled': 'CANCEL',
  // One date of a course cancelled: a CANCEL of that date's event only.
  'date-cancelled': 'CANCEL',
} as const;

export type MessageKind =
  keyof typeof INVITE_KINDS | 'waitlisted' | 'waitlist-left' | 'reminder' | 'link-resent' | 'session-message' | 'missed-you';

export interface RegistrationMessagePayload {
  kind: MessageKind;
  registrationId: number;
  code: string;
  sequence: number;
  // Absent from messages queued before invites had random UIDs.
  calendarUid?: string | null;
  method: 'REQUEST' | 'CANCEL' | null;
  firstName: string | null;
  lastName: string | null;
  email: string;
  adults: number;
  status: string;
  waitlistPosition: number;
  session: SessionSnapshot & {
    status: string;
    cancelReason: string | null;
    changeCount: number;
    // A course's dates (absent from messages queued before courses existed, empty for a single date).
    dates?: CourseDate[];
  };
  // The one date of a course a change is about (moved, cancelled); its reason when cancelled.
  dateId?: number;
  dateReason?: string | null;
  previous?: { startsAt: number; endsAt: number; venueName: string; venueAddress: string };
  // A trainer's message to everyone booked ('session-message'): French, and maybe Arabic, English.
  message?: Partial<Record<'fr' | 'ar' | 'en', string>>;
  // After a no-show ('missed-you'): the next dates of the same workshop.
  nextDates?: { id: number; startsAt: number; endsAt: number; venueName: string }[];
}

// The same kind for every message of a statement (a fixed word, written into the SQL text).
const kinds = new Map<MessageKind, SQL<MessageKind>>();
export function messageKind(kind: MessageKind): SQL<MessageKind> {
  if (!/^[a-z-]+$/.test(kind)) throw new Error(`Not a message kind: ${kind}`);
  let fragment = kinds.get(kind);
  if (!fragment) kinds.set(kind, (fragment = frozen(sql<MessageKind>`${sql.raw(`'${kind}'`)}`)));
  return fragment;
}

// "confirmed" or "waitlisted", as where the booking's seat landed.
export const kindOfNewBooking: SQL<MessageKind> = frozen(
  sql<MessageKind>`case ${registrations.status} when 'confirmed' then 'confirmed' else 'waitlisted' end`,
);

// Each registration is crossed with both channels; a row is kept for the channels it has.
const CHANNELS = sql`json_each('["email","sms"]') as channels`;
const CHANNEL = sql<'email' | 'sms'>`channels.value`;

const literal = (word: string) => sql.raw(`'${word}'`);

// What a message of this kind says about its registration and session, and its dedupe key:
// the same for every statement of a kind, so built once per kind (see `frozen`).
function messageParts(kind: SQL<MessageKind>) {
  const r = registrations;
  const s = sessions;
  const o = organisations;
  const method = sql`case ${kind} ${sql.join(
    Object.entries(INVITE_KINDS).map(([k, m]) => sql`when ${literal(k)} then ${literal(m)}`),
    sql` `,
  )} else null end`;
  const snapshot = sql`json_object(
      'kind', ${kind}, 'registrationId', ${r.id}, 'code', ${r.code}, 'sequence', ${r.inviteSequence},
      'calendarUid', ${r.calendarUid}, 'method', ${method}, 'firstName', ${r.firstName}, 'lastName', ${r.lastName}, 'email', ${r.email},
      'adults', ${r.adults}, 'status', ${r.status},
      'waitlistPosition', coalesce(${waitlistPosition(r)}, 0),
      'session', ${sessionSnapshot(s, o, { status: s.status, cancelReason: s.cancelReason, changeCount: s.changeCount, dates: sql`json(${datesJson(s.id)})` })})`;
  const dedupeKey = sql<string>`case ${kind}
      when 'waitlisted' then 'waitlisted:' || ${r.id}
      when 'reminder' then 'reminder:' || ${r.id} || ':' || ${s.startsAt}
      when 'link-resent' then 'link-resent:' || ${r.id} || ':' || (unixepoch() / 600)
      when 'session-message' then 'session-message:' || ${r.id} || ':' || ${r.lastOp}
      else ${kind} || ':' || ${r.id} || ':' || ${r.inviteSequence} end`;
  // An SMS's key is its email's with the channel in front (email keys stay as they were).
  const channelKey = sql<string>`case ${CHANNEL} when 'email' then ${dedupeKey} else ${CHANNEL} || ':' || ${dedupeKey} end`;
  return { snapshot: frozen(snapshot), dedupeKey: frozen(channelKey) };
}

const partsOfKind = new WeakMap<SQL<MessageKind>, ReturnType<typeof messageParts>>();

const reachable = frozen(
  sql`((${CHANNEL} = 'email' and ${registrations.email} is not null) or (${CHANNEL} = 'sms' and ${registrations.phone} is not null))`,
);
const recipientOf = frozen(sql<string>`case ${CHANNEL} when 'email' then ${registrations.email} else ${registrations.phone} end`);

// One message per registration matching `where` (over `registrations` joined with its
// `sessions` row) and per channel it gave: an email for an address, an SMS for a phone, both
// for both; in one statement, so it takes one place in its batch. `extra` is merged into what
// it says. `kind` may depend on the row (`kindOfNewBooking`), so one statement can queue
// "confirmed" or "waitlisted" depending on where the seat landed; otherwise it is
// `messageKind(...)`. Each row remembers the change (`last_op`) it tells of. `dedupeTag` tells
// apart two messages of one kind that are both meant (the reminders two days and one day before).
export function queueRegistrationMessages(
  db: Db,
  kind: SQL<MessageKind>,
  where: SQL | undefined,
  extra: Record<string, unknown> = {},
  { dedupeTag }: { dedupeTag?: string } = {},
) {
  let parts = partsOfKind.get(kind);
  if (!parts) partsOfKind.set(kind, (parts = messageParts(kind)));
  const r = registrations;
  const payload = sql<RegistrationMessagePayload>`json_patch(${parts.snapshot}, ${JSON.stringify(extra)})`;
  const columns = insertColumns(outbox, {
    dedupeKey: dedupeTag ? sql<string>`${parts.dedupeKey} || ${`:${dedupeTag}`}` : parts.dedupeKey,
    kind,
    registrationId: r.id,
    recipient: recipientOf,
    language: r.language,
    payload,
    channel: CHANNEL,
    op: r.lastOp,
  });
  return db
    .insert(outbox)
    .select(
      db
        .select(columns)
        .from(r)
        .innerJoin(sessions, eq(sessions.id, r.sessionId))
        .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
        .innerJoin(CHANNELS, sql`true`)
        .where(and(reachable, where)),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

// Every invite sent takes the next SEQUENCE; bump it after queuing, whether or not an email
// exists, so a downloaded invite never goes backwards.
export function bumpInviteSequence(db: Db, where: SQL | undefined) {
  return db
    .update(registrations)
    .set({ inviteSequence: sql`${registrations.inviteSequence} + 1` })
    .where(where);
}
