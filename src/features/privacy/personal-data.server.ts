// Everything Passerelle holds about one person, found by their email or phone (DESIGN rule 6,
// GDPR): an admin exports it as JSON or erases it. Both are audited, without the data itself.
import { asStatement } from '~/platform/db/statement';
import { normaliseEmail, normalisePhone } from '~/features/registration/contact';
import { auditRegistrationsStatement, auditStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { erasureStatements } from './erasure.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/book-seat.server';

export type Contact = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

// An address or a number, written any usual way; null when it is neither.
export function parseContact(input: string): Contact | null {
  const text = input.trim().slice(0, 300);
  if (text.includes('@')) {
    const email = normaliseEmail(text);
    return email ? { kind: 'email', value: email } : null;
  }
  const phone = normalisePhone(text);
  return phone ? { kind: 'phone', value: phone } : null;
}

type Row = Record<string, unknown>;

export interface PersonalData {
  registrations: Row[];
  messages: Row[];
  auditLog: Row[];
  account: Row | null;
}

const iso = (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');

async function registrationsOf(db: Db, contact: Contact): Promise<Row[]> {
  const rs = await db.$client.execute({
    sql: `select r.id, r.code, r.status, r.first_name, r.last_name, r.email, r.phone, r.language, r.adults,
            r.child_school_uai, r.consent_at, r.created_at, r.cancelled_at,
            s.id as session_id, s.title, s.audience, s.starts_at, s.ends_at, s.venue_name, a.present
          from registrations r join sessions s on s.id = r.session_id left join attendance a on a.registration_id = r.id
          where r.${contact.kind} = ? order by r.id`,
    args: [contact.value],
  });
  return (rs.rows as unknown as Row[]).map((r) => ({
    id: Number(r.id), code: r.code, status: r.status, firstName: r.first_name, lastName: r.last_name, email: r.email, phone: r.phone,
    language: r.language, adults: Number(r.adults), childSchoolUai: r.child_school_uai, consentAt: iso(r.consent_at),
    createdAt: iso(r.created_at), cancelledAt: iso(r.cancelled_at), attended: r.present == null ? null : Boolean(r.present),
    session: { id: Number(r.session_id), title: r.title, audience: r.audience, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), venue: r.venue_name },
  }));
}

async function accountOf(db: Db, contact: Contact): Promise<Row | null> {
  if (contact.kind !== 'email') return null;
  const rs = await db.$client.execute({ sql: 'select id, name, email, role, school_uai, created_at from users where email = ?', args: [contact.value] });
  const u = rs.rows[0] as Row | undefined;
  return u ? { id: Number(u.id), name: u.name, email: u.email, role: u.role, schoolUai: u.school_uai, createdAt: iso(u.created_at) } : null;
}

export async function findPersonalData(db: Db, contact: Contact): Promise<PersonalData> {
  const [registrations, account] = await Promise.all([registrationsOf(db, contact), accountOf(db, contact)]);
  const ids = registrations.map((r) => r.id as number);
  const recipient = contact.kind === 'email' ? contact.value : '';
  const [messages, auditLog] = await Promise.all([
    db.$client.execute({
      sql: `select id, kind, registration_id, recipient, status, created_at, sent_at, payload from outbox
            where registration_id in (${list(ids.length)}) or (recipient <> '' and recipient = ?) order by id`,
      args: [...ids, recipient],
    }),
    db.$client.execute({
      sql: `select at, actor_kind, action, subject_type, subject_id, details from audit_log
            where (subject_type = 'registration' and subject_id in (${list(ids.length)})) or (subject_type = 'user' and subject_id = ?) order by id`,
      args: [...ids.map(String), account ? String(account.id) : ''],
    }),
  ]);
  return {
    registrations,
    account,
    messages: (messages.rows as unknown as Row[]).map((m) => ({
      id: Number(m.id), kind: m.kind, registrationId: m.registration_id == null ? null : Number(m.registration_id), recipient: m.recipient,
      status: m.status, createdAt: iso(m.created_at), sentAt: iso(m.sent_at), payload: json(m.payload),
    })),
    auditLog: (auditLog.rows as unknown as Row[]).map((e) => ({
      at: iso(e.at), actorKind: e.actor_kind, action: e.action, subjectType: e.subject_type, subjectId: e.subject_id, details: json(e.details),
    })),
  };
}

const counts = (data: PersonalData) => ({ registrations: data.registrations.length, messages: data.messages.length, auditEntries: data.auditLog.length, account: data.account !== null });

export async function exportPersonalData(db: Db, contact: Contact, actor: Actor, now = Date.now()) {
  const data = await findPersonalData(db, contact);
  await db.$client.execute(asStatement(auditStatement(db, actor, 'personal-data.exported', 'person', null, { by: contact.kind, ...counts(data) })));
  return { exportedAt: new Date(now).toISOString(), contact: { [contact.kind]: contact.value }, ...data };
}

// Immediate and complete: live bookings are cancelled (their seats go to the waitlist), then
// every booking loses who it was, with its links and every message about it — the person is
// not mailed a cancellation, their address goes with the rest. Accounts are not touched: they
// are closed in the users page.
export async function erasePersonalData(db: Db, contact: Contact, actor: Actor, now = Date.now()) {
  const data = await findPersonalData(db, contact);
  const ids = data.registrations.map((r) => r.id as number);
  if (!ids.length && !data.messages.length) return counts(data);
  for (const r of data.registrations) {
    const live = r.status !== 'cancelled' && Date.parse(String((r.session as Row).startsAt)) > now;
    const registration = live ? await getRegistration(db, r.id as number) : null;
    if (registration) await cancelRegistration(db, registration, actor, { erase: true }, now);
  }
  const op = newOp();
  await db.$client.batch(
    [
      { sql: `update registrations set last_op = ? where id in (${list(ids.length)})`, args: [op, ...ids] },
      ...erasureStatements(db, op, now, contact.kind === 'email' ? contact.value : null),
      asStatement(auditRegistrationsStatement(db, actor, 'registration.erased', op)),
      asStatement(auditStatement(db, actor, 'personal-data.erased', 'person', null, { by: contact.kind, ...counts(data), registrationIds: ids })),
    ],
    'write',
  );
  return counts(data);
}
