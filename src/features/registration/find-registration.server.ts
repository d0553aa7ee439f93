// Finding a booking: by id, code or manage link, or the live one of a person for a session
// (DESIGN rules 2–3). Pages, the API and the booking itself read them; the shape is the one
// they all see, with its waitlist place and no secrets.
import { and, eq, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { manageTokens, registrations } from '~db/schema';
import { preparedOnce } from '~/platform/db/prepared';
import type { Db } from '~/platform/db/db.server';
import { fromPrimary, orFromPrimary } from '~/platform/db/own-writes';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { waitlistPosition } from './seat-sql';

// A booking as pages, the API and messages see it: no secrets, with its waitlist place.
const REGISTRATION = {
  id: registrations.id,
  sessionId: registrations.sessionId,
  status: registrations.status,
  code: registrations.code,
  firstName: registrations.firstName,
  lastName: registrations.lastName,
  email: registrations.email,
  phone: registrations.phone,
  childSchoolUai: registrations.childSchoolUai,
  language: registrations.language,
  adults: registrations.adults,
  userId: registrations.userId,
  createdBy: registrations.createdBy,
  inviteSequence: registrations.inviteSequence,
  calendarUid: registrations.calendarUid,
  waitlistPosition: waitlistPosition(registrations),
  cancelledAt: registrations.cancelledAt,
  erasedAt: registrations.erasedAt,
  createdAt: registrations.createdAt,
};

export type Registration = NonNullable<Awaited<ReturnType<typeof findOne>>>;

async function findOne(db: Db, where: SQL | undefined) {
  const [row] = await db.select(REGISTRATION).from(registrations).where(where).orderBy(registrations.id).limit(1);
  return row ?? null;
}

// The lookups pages and the booking itself make on every request, built once (prepared.ts).
const placeholder = sql.placeholder;
function findPrepared(db: Db, key: 'id' | 'code' | 'token', where: () => SQL | undefined) {
  return preparedOnce(db, `registration.by-${key}`, () =>
    db.select(REGISTRATION).from(registrations).where(where()).orderBy(registrations.id).limit(1).prepare(),
  );
}

export async function getRegistration(db: Db, id: number) {
  return (await findPrepared(db, 'id', () => eq(registrations.id, placeholder('id'))).get({ id })) ?? null;
}

export async function findByCode(db: Db, code: string) {
  return (await findPrepared(db, 'code', () => eq(registrations.code, placeholder('code'))).get({ code })) ?? null;
}

// `fresh`: just after this instance changed the booking, read on the primary (own-writes.ts).
export async function findByManageToken(db: Db, token: string, { fresh = false } = {}) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const byHash = (hash: Placeholder | string) => {
    const minted = db.select({ id: manageTokens.registrationId }).from(manageTokens).where(eq(manageTokens.tokenHash, hash));
    return or(eq(registrations.manageTokenHash, hash), eq(registrations.id, minted));
  };
  const hash = hashSecret(token);
  const query = () => db.select(REGISTRATION).from(registrations).where(byHash(hash)).orderBy(registrations.id).limit(1);
  if (fresh) return (await fromPrimary<Registration>(db, query))[0] ?? null;
  const found = (await findPrepared(db, 'token', () => byHash(placeholder('hash'))).get({ hash })) ?? null;
  // The page a booking redirects to, maybe before this instance's replica has the booking.
  return orFromPrimary(db, found, query);
}

// One this instance has just written, by id or by its batch's marker (own-writes.ts: a replica
// may not have it yet, or may have answered the batch as if it changed nothing).
// With `shows`, a row the replica has but that does not show the write yet is asked again too.
export async function getOwnRegistration(db: Db, id: number, shows?: (r: Registration) => boolean) {
  return orFromPrimary(db, await getRegistration(db, id), () => registrationById(db, id), shows);
}

// The registration by id as one statement of a batch (own-writes.ts reads it on the primary).
export function registrationById(db: Db, id: number) {
  return db.select(REGISTRATION).from(registrations).where(eq(registrations.id, id)).limit(1);
}

export function findOwnBooking(db: Db, op: string) {
  return orFromPrimary(db, null, () => db.select(REGISTRATION).from(registrations).where(eq(registrations.lastOp, op)).limit(1));
}

// The live registration of this person for this session, if any (DESIGN rule 2).
export function findSamePerson(db: Db, sessionId: number, who: { email: string | null; phone: string | null; userId: number | null }) {
  const clauses = [
    who.userId != null ? eq(registrations.userId, who.userId) : undefined,
    who.email ? eq(registrations.email, who.email) : undefined,
    who.phone ? eq(registrations.phone, who.phone) : undefined,
  ].filter((c) => c !== undefined);
  if (!clauses.length) return Promise.resolve(null);
  return findOne(db, and(eq(registrations.sessionId, sessionId), ne(registrations.status, 'cancelled'), or(...clauses)));
}

// Another link to the same registration, for a person who lost theirs or booked twice.
export async function mintManageToken(db: Db, registrationId: number): Promise<string> {
  const token = generateSecret();
  await db.insert(manageTokens).values({ tokenHash: hashSecret(token), registrationId });
  return token;
}
