// Writing to the transactional outbox. Messages about registrations are queued by SQL
// statements that run in the same batch as the change, with a snapshot of what to say.
import type { InStatement } from '@libsql/client';

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

// `kindSql` is an SQL expression over `r` (a registration) giving the MessageKind, so one
// statement can queue "confirmed" or "waitlisted" depending on where the seat landed.
export function queueRegistrationMessages(
  kindSql: string,
  where: string,
  args: (string | number | null)[],
  extra: Record<string, unknown> = {},
): InStatement {
  const method = `case ${kindSql} ${Object.entries(INVITE_KINDS)
    .map(([k, m]) => `when '${k}' then '${m}'`)
    .join(' ')} else null end`;
  const dedupe = `case ${kindSql}
      when 'waitlisted' then 'waitlisted:' || r.id
      when 'reminder' then 'reminder:' || r.id || ':' || s.starts_at
      else ${kindSql} || ':' || r.id || ':' || r.invite_sequence end`;
  return {
    sql: `insert into outbox (dedupe_key, kind, registration_id, recipient, language, payload)
      select ${dedupe}, ${kindSql}, r.id, r.email, r.language,
        json_patch(json_object(
          'kind', ${kindSql}, 'registrationId', r.id, 'code', r.code, 'sequence', r.invite_sequence,
          'method', ${method}, 'firstName', r.first_name, 'lastName', r.last_name, 'email', r.email,
          'adults', r.adults, 'status', r.status,
          'waitlistPosition', case when r.status = 'waitlisted' then (select count(*) from registrations w
              where w.session_id = r.session_id and w.status = 'waitlisted'
              and (w.queued_at < r.queued_at or (w.queued_at = r.queued_at and w.id <= r.id))) else 0 end,
          'session', json_object('id', s.id, 'title', s.title, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
              'venueName', s.venue_name, 'venueAddress', s.venue_address, 'organisation', o.name,
              'contactEmail', o.contact_email, 'contactPhone', o.contact_phone, 'status', s.status,
              'cancelReason', s.cancel_reason, 'changeCount', s.change_count)
        ), ?)
      from registrations r join sessions s on s.id = r.session_id join organisations o on o.id = s.organisation_id
      where r.email is not null and (${where})
      on conflict (dedupe_key) do nothing`,
    // Positional: the `extra` placeholder (in the select list) comes before those of `where`.
    args: [JSON.stringify(extra), ...args],
  };
}

// Every invite sent takes the next SEQUENCE; bump it after queuing, whether or not an email
// exists, so a downloaded invite never goes backwards.
export function bumpInviteSequence(where: string, args: (string | number | null)[]): InStatement {
  return { sql: `update registrations set invite_sequence = invite_sequence + 1 where ${where}`, args };
}
