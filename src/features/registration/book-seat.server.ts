// Booking a seat and finding a booking, by id, code or manage link (DESIGN rules 1–3).
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import type { RegistrationInput } from './registration-input';
import { auditRegistrationsStatement, newOp, type Actor } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { bumpInviteSequence, queueRegistrationMessages } from '~/features/mail/outbox/enqueue.server';
import { generateBookingCode, generateSecret, hashSecret } from '~/platform/text/tokens';

export interface Registration {
  id: number;
  sessionId: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  code: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  childSchoolUai: string | null;
  language: string;
  adults: number;
  userId: number | null;
  createdBy: number | null;
  inviteSequence: number;
  waitlistPosition: number | null;
  cancelledAt: number | null;
  erasedAt: number | null;
  createdAt: number;
}

export type BookingOutcome =
  | { kind: 'created' | 'existing'; registration: Registration; manageToken: string | null }
  | { kind: 'not-found' }
  | { kind: 'closed'; reason: 'cancelled' | 'past' | 'wrong-audience' }
  | { kind: 'invalid-school' };

const SELECT = `select r.*,
  case when r.status = 'waitlisted' then (select count(*) from registrations w where w.session_id = r.session_id
    and w.status = 'waitlisted' and (w.queued_at < r.queued_at or (w.queued_at = r.queued_at and w.id <= r.id))) end as waitlist_position
  from registrations r`;

function toRegistration(row: Record<string, unknown>): Registration {
  const n = (v: unknown) => (v == null ? null : Number(v));
  const s = (v: unknown) => (v == null ? null : String(v));
  return {
    id: Number(row.id),
    sessionId: Number(row.session_id),
    status: row.status as Registration['status'],
    code: String(row.code),
    firstName: s(row.first_name),
    lastName: s(row.last_name),
    email: s(row.email),
    phone: s(row.phone),
    childSchoolUai: s(row.child_school_uai),
    language: String(row.language),
    adults: Number(row.adults),
    userId: n(row.user_id),
    createdBy: n(row.created_by),
    inviteSequence: Number(row.invite_sequence),
    waitlistPosition: n(row.waitlist_position),
    cancelledAt: n(row.cancelled_at),
    erasedAt: n(row.erased_at),
    createdAt: Number(row.created_at),
  };
}

async function findOne(db: Db, where: string, args: (string | number)[]): Promise<Registration | null> {
  const rs = await db.$client.execute({ sql: `${SELECT} where ${where} limit 1`, args });
  const row = rs.rows[0];
  return row ? toRegistration(row as Record<string, unknown>) : null;
}

export function getRegistration(db: Db, id: number) {
  return findOne(db, 'r.id = ?', [id]);
}

export function findByCode(db: Db, code: string) {
  return findOne(db, 'r.code = ?', [code]);
}

export function findByManageToken(db: Db, token: string) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return Promise.resolve(null);
  const hash = hashSecret(token);
  return findOne(db, 'r.manage_token_hash = ? or r.id = (select registration_id from manage_tokens where token_hash = ?)', [hash, hash]);
}

// The live registration of this person for this session, if any (DESIGN rule 2).
function findSamePerson(db: Db, sessionId: number, who: { email: string | null; phone: string | null; userId: number | null }) {
  const clauses: string[] = [];
  const args: (string | number)[] = [sessionId];
  if (who.userId != null) (clauses.push('r.user_id = ?'), args.push(who.userId));
  if (who.email) (clauses.push('r.email = ?'), args.push(who.email));
  if (who.phone) (clauses.push('r.phone = ?'), args.push(who.phone));
  if (!clauses.length) return Promise.resolve(null);
  return findOne(db, `r.session_id = ? and r.status <> 'cancelled' and (${clauses.join(' or ')}) order by r.id`, args);
}

// Another link to the same registration, for a person who lost theirs or booked twice.
export async function mintManageToken(db: Db, registrationId: number): Promise<string> {
  const token = generateSecret();
  await db.$client.execute({ sql: 'insert into manage_tokens (token_hash, registration_id) values (?, ?)', args: [hashSecret(token), registrationId] });
  return token;
}

export interface BookingRequest {
  sessionId: number;
  person: RegistrationInput;
  userId?: number | null;
  actor: Actor;
  audience?: 'parent' | 'teacher';
}

// Takes a seat or a waitlist place in one statement, queues the message and the audit entry
// in the same batch. A second submission by the same person returns the first booking.
export async function bookSeat(db: Db, req: BookingRequest, now = Date.now()): Promise<BookingOutcome> {
  const { person, sessionId } = req;
  const userId = req.userId ?? null;
  const createdBy = req.actor.kind === 'user' && req.actor.userId !== userId ? (req.actor.userId ?? null) : null;
  if (person.schoolUai) {
    const school = await db.$client.execute({ sql: 'select 1 from schools where uai = ?', args: [person.schoolUai] });
    if (!school.rows.length) return { kind: 'invalid-school' };
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    const token = generateSecret();
    const code = generateBookingCode();
    const op = newOp();
    const statements: InStatement[] = [
      {
        sql: `insert into registrations (session_id, status, queued_at, first_name, last_name, email, phone, child_school_uai,
            language, adults, user_id, manage_token_hash, code, created_by, consent_at, last_op, created_at, updated_at)
          select s.id,
            case when not exists (select 1 from registrations w where w.session_id = s.id and w.status = 'waitlisted')
                  and (select coalesce(sum(c.adults), 0) from registrations c where c.session_id = s.id and c.status = 'confirmed') + ? <= s.capacity
                 then 'confirmed' else 'waitlisted' end,
            ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
          from sessions s
          where s.id = ? and s.status = 'scheduled' and s.starts_at > ? ${req.audience ? 'and s.audience = ?' : ''}
          on conflict do nothing
          returning id, status`,
        args: [
          person.adults,
          now, person.firstName, person.lastName, person.email, person.phone, person.schoolUai,
          person.language, person.adults, userId, hashSecret(token), code, createdBy, now, op, now, now,
          sessionId, now, ...(req.audience ? [req.audience] : []),
        ],
      },
      queueRegistrationMessages(`case r.status when 'confirmed' then 'confirmed' else 'waitlisted' end`, 'r.last_op = ?', [op]),
      bumpInviteSequence(`last_op = ? and status = 'confirmed'`, [op]),
      asStatement(auditRegistrationsStatement(db, req.actor, 'registration.created', op)),
    ];
    const [inserted] = await db.$client.batch(statements, 'write');
    const row = inserted?.rows[0] as { id: number; status: Registration['status'] } | undefined;
    if (row) {
      // A seat is what was just written; a waitlist place needs its position.
      const registration =
        row.status === 'waitlisted'
          ? await findOne(db, 'r.id = ?', [row.id])
          : newRegistration({ id: row.id, status: row.status, sessionId, code, person, userId, createdBy, now });
      if (registration) return { kind: 'created', registration, manageToken: token };
    }
    const outcome = await explainNoInsert(db, req, now);
    if (outcome) return outcome;
    // Nothing matched: the random code collided with an existing one; try another.
  }
  throw new Error('Could not allocate a booking code');
}

// The row as the booking batch left it: the confirmation's invite went out at sequence 0,
// so the next one is 1.
function newRegistration(r: { id: number; status: Registration['status']; sessionId: number; code: string; person: RegistrationInput; userId: number | null; createdBy: number | null; now: number }): Registration {
  const { person } = r;
  return {
    id: r.id,
    sessionId: r.sessionId,
    status: r.status,
    code: r.code,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: person.phone,
    childSchoolUai: person.schoolUai,
    language: person.language,
    adults: person.adults,
    userId: r.userId,
    createdBy: r.createdBy,
    inviteSequence: 1,
    waitlistPosition: null,
    cancelledAt: null,
    erasedAt: null,
    createdAt: r.now,
  };
}

async function explainNoInsert(db: Db, req: BookingRequest, now: number): Promise<BookingOutcome | null> {
  const rs = await db.$client.execute({ sql: 'select status, starts_at, audience from sessions where id = ?', args: [req.sessionId] });
  const s = rs.rows[0] as Record<string, unknown> | undefined;
  if (!s) return { kind: 'not-found' };
  if (s.status !== 'scheduled') return { kind: 'closed', reason: 'cancelled' };
  if (Number(s.starts_at) <= now) return { kind: 'closed', reason: 'past' };
  if (req.audience && s.audience !== req.audience) return { kind: 'closed', reason: 'wrong-audience' };
  const existing = await findSamePerson(db, req.sessionId, { ...req.person, userId: req.userId ?? null });
  if (!existing) return null;
  // A fresh manage link only for the same named person: knowing someone's phone number
  // must not be enough to take over their booking.
  const sameName = sameText(existing.lastName, req.person.lastName) && sameText(existing.firstName, req.person.firstName);
  const ownAccount = req.userId != null && existing.userId === req.userId;
  const manageToken = sameName || ownAccount ? await mintManageToken(db, existing.id) : null;
  return { kind: 'existing', registration: existing, manageToken };
}

function sameText(a: string | null, b: string) {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return a != null && fold(a) === fold(b);
}

export function manageUrl(token: string) {
  return `${config.publicUrl}/r/${token}`;
}

export function registrationJson(r: Registration, token: string | null) {
  return {
    id: r.id,
    status: r.status,
    code: r.code,
    waitlistPosition: r.waitlistPosition,
    adults: r.adults,
    manageUrl: token ? manageUrl(token) : null,
    icsUrl: token ? `${manageUrl(token)}/invite.ics` : null,
  };
}
