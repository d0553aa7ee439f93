// Writing to the transactional outbox. Messages about registrations are queued by statements
// that run in the same batch as the change, with a snapshot of what to say.
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { organisations, outbox, registrations, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { insertColumns } from '~/platform/db/query-parts';
import { waitlistPosition } from '~/features/registration/seat-sql';

// Kinds whose email carries a calendar invite (DESIGN rule 4).
export const INVITE_KINDS = {
  confirmed: 'REQUEST',
  promoted: 'REQUEST',
  'session-updated': 'REQUEST',
  moved: 'REQUEST',
  cancelled: 'CANCEL',
  'session-cancelled': 'CANCEL',
} as const;

export type MessageKind = keyof typeof INVITE_KINDS | 'waitlisted' | 'waitlist-left' | 'reminder';

export interface RegistrationMessagePayload {
  kind: MessageKind;
  registrationId: number;
  code: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL' | null;
  firstName: string | null;
  lastName: string | null;
  email: string;
  adults: number;
  status: string;
  waitlistPosition: number;
  session: {
    id: number;
    title: string;
    startsAt: number;
    endsAt: number;
    venueName: string;
    venueAddress: string;
    organisation: string;
    contactEmail: string | null;
    contactPhone: string | null;
    status: string;
    cancelReason: string | null;
    changeCount: number;
  };
  previous?: { startsAt: number; endsAt: number; venueName: string; venueAddress: string };
}

// The same kind for every message of a statement.
export function messageKind(kind: MessageKind): SQL<MessageKind> {
  return sql<MessageKind>`${kind}`;
}

// "confirmed" or "waitlisted", as where the booking's seat landed.
export const kindOfNewBooking: SQL<MessageKind> = sql<MessageKind>`case ${registrations.status} when 'confirmed' then 'confirmed' else 'waitlisted' end`;

// The message's snapshot of the registration and its session, with `extra` merged in.
function payloadOf(kind: SQL<MessageKind>, extra: Record<string, unknown>) {
  const r = registrations;
  const s = sessions;
  const o = organisations;
  const method = sql`case ${kind} ${sql.join(
    Object.entries(INVITE_KINDS).map(([k, m]) => sql`when ${k} then ${m}`),
    sql` `,
  )} else null end`;
  return sql<RegistrationMessagePayload>`json_patch(json_object(
      'kind', ${kind}, 'registrationId', ${r.id}, 'code', ${r.code}, 'sequence', ${r.inviteSequence},
      'method', ${method}, 'firstName', ${r.firstName}, 'lastName', ${r.lastName}, 'email', ${r.email},
      'adults', ${r.adults}, 'status', ${r.status},
      'waitlistPosition', coalesce(${waitlistPosition(r)}, 0),
      'session', json_object('id', ${s.id}, 'title', ${s.title}, 'startsAt', ${s.startsAt}, 'endsAt', ${s.endsAt},
          'venueName', ${s.venueName}, 'venueAddress', ${s.venueAddress}, 'organisation', ${o.name},
          'contactEmail', ${o.contactEmail}, 'contactPhone', ${o.contactPhone}, 'status', ${s.status},
          'cancelReason', ${s.cancelReason}, 'changeCount', ${s.changeCount})
    ), ${JSON.stringify(extra)})`;
}

// One message per registration matching `where` (over `registrations` joined with its
// `sessions` row) that has an email. `kind` may depend on the row, so one statement can queue
// "confirmed" or "waitlisted" depending on where the seat landed.
export function queueRegistrationMessages(db: Db, kind: SQL<MessageKind>, where: SQL | undefined, extra: Record<string, unknown> = {}) {
  const r = registrations;
  const dedupeKey = sql<string>`case ${kind}
      when 'waitlisted' then 'waitlisted:' || ${r.id}
      when 'reminder' then 'reminder:' || ${r.id} || ':' || ${sessions.startsAt}
      else ${kind} || ':' || ${r.id} || ':' || ${r.inviteSequence} end`;
  const columns = insertColumns(outbox, {
    dedupeKey,
    kind,
    registrationId: r.id,
    recipient: r.email,
    language: r.language,
    payload: payloadOf(kind, extra),
  });
  return db
    .insert(outbox)
    .select(
      db
        .select(columns)
        .from(r)
        .innerJoin(sessions, eq(sessions.id, r.sessionId))
        .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
        .where(and(isNotNull(r.email), where)),
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
