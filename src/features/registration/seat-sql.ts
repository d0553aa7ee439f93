// The seat and waitlist rules as SQL (DESIGN rules 1 and 3), each written once: every statement
// that takes, frees, counts or orders seats interpolates these fragments, so the rule the
// database applies and the one pages show cannot drift apart.
import { Column, getTableName, is, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { registrations, sessions } from '~db/schema';
import { frozen } from '~/platform/db/query-parts';

// A column written with its table, as a correlated subquery needs it (drizzle leaves columns
// unqualified in a single-table statement, where they would bind to the subquery's own table).
export function qualified(value: SQLWrapper | number): SQLWrapper | number {
  if (!is(value, Column)) return value;
  return sql`${sql.identifier(getTableName(value.table))}.${sql.identifier(value.name)}`;
}

// The fragments' own alias of `registrations`, so they never capture the outer statement's.
function other(alias: string, column: keyof typeof registrations._.columns) {
  return sql`${sql.identifier(alias)}.${sql.identifier(registrations[column].name)}`;
}
const others = (alias: string) => sql`${registrations} as ${sql.identifier(alias)}`;

// Over a column (not a value) a fragment is the same SQL each time: rendered once (`frozen`),
// as the booking path runs these in every request.
function renderedOnce<T>(build: (sessionId: SQLWrapper | number) => SQL<T>) {
  const cache = new WeakMap<Column, SQL<T>>();
  return (sessionId: SQLWrapper | number): SQL<T> => {
    if (!is(sessionId, Column)) return build(sessionId);
    let fragment = cache.get(sessionId);
    if (!fragment) cache.set(sessionId, (fragment = frozen(build(sessionId))));
    return fragment;
  };
}

type RegistrationColumns = Pick<typeof registrations, 'id' | 'sessionId' | 'status' | 'queuedAt'>;

// Seats taken on a session: the adults of its confirmed registrations.
export const confirmedSeats = renderedOnce(
  (sessionId) => sql<number>`(select coalesce(sum(${other('seat', 'adults')}), 0) from ${others('seat')}
    where ${other('seat', 'sessionId')} = ${qualified(sessionId)} and ${other('seat', 'status')} = 'confirmed')`,
);

// People waiting for a session.
export const waitlistLength = renderedOnce(
  (sessionId) => sql<number>`(select count(*) from ${others('waiting')}
    where ${other('waiting', 'sessionId')} = ${qualified(sessionId)} and ${other('waiting', 'status')} = 'waitlisted')`,
);

// A waiting teacher whose training needs the IEN's approval, still asked for (issue 17): they
// keep their place in line but are not seated, and hold nobody else back.
export function awaitingApproval(alias: string) {
  return sql`exists (select 1 from "approval_requests" as "pending_approval"
    where "pending_approval"."session_id" = ${other(alias, 'sessionId')} and "pending_approval"."user_id" = ${other(alias, 'userId')}
      and "pending_approval"."status" = 'pending')`;
}

// Nobody is on the session's waitlist (but those awaiting an approval): a newcomer may not jump the queue.
export const nobodyWaiting = renderedOnce(
  (sessionId) => sql<boolean>`not exists (select 1 from ${others('waiting')}
    where ${other('waiting', 'sessionId')} = ${qualified(sessionId)} and ${other('waiting', 'status')} = 'waitlisted'
      and not ${awaitingApproval('waiting')})`,
);

// This person (a teacher account) has an approval request waiting for this session: whatever
// the seats, they are waitlisted, never seated, until the IEN answers.
export function bookerAwaitsApproval(sessionId: SQLWrapper | number, userId: SQLWrapper | number | null) {
  return sql<boolean>`exists (select 1 from "approval_requests" as "pending_approval"
    where "pending_approval"."session_id" = ${qualified(sessionId)} and "pending_approval"."user_id" = ${userId}
      and "pending_approval"."status" = 'pending')`;
}

// A waitlisted registration's place in line (1 is next), in arrival order, ties by id; null
// for anyone not waiting.
function positionOf(r: RegistrationColumns): SQL<number | null> {
  const w = (c: keyof typeof registrations._.columns) => other('waiting', c);
  return sql<number | null>`case when ${qualified(r.status)} = 'waitlisted' then (select count(*) from ${others('waiting')}
    where ${w('sessionId')} = ${qualified(r.sessionId)} and ${w('status')} = 'waitlisted'
      and (${w('queuedAt')} < ${qualified(r.queuedAt)} or (${w('queuedAt')} = ${qualified(r.queuedAt)} and ${w('id')} <= ${qualified(r.id)}))) end`;
}

const positions = new WeakMap<RegistrationColumns, SQL<number | null>>();
export function waitlistPosition(r: RegistrationColumns): SQL<number | null> {
  let fragment = positions.get(r);
  if (!fragment) positions.set(r, (fragment = frozen(positionOf(r))));
  return fragment;
}

// The capacity of a session still open to bookings at `now` (scheduled, not started); null
// otherwise, so any comparison with it fails and nobody takes or gets a seat there.
export function openCapacity(sessionId: SQLWrapper | number, now: number): SQL<number | null> {
  const open = (column: keyof typeof sessions._.columns) => sql`${sql.identifier('open')}.${sql.identifier(sessions[column].name)}`;
  return sql<number | null>`(select ${open('capacity')} from ${sessions} as ${sql.identifier('open')}
    where ${open('id')} = ${qualified(sessionId)} and ${open('status')} = 'scheduled' and ${open('startsAt')} > ${now})`;
}
