// Everything Passerelle holds about one person, found by their email or phone (DESIGN rule 6,
// GDPR): an admin exports it as JSON or erases it. Both are audited, without the data itself.
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { attestationsForExport, eraseAttestationsStatement } from '~/features/training/attestation-revoke.server';
import { t } from '~/i18n';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { attendance, auditLog, outbox, registrations, sessions, users } from '~db/schema';
import { normaliseEmail, normalisePhone } from '~/features/registration/contact';
import { auditRegistrationsStatement, auditStatement, newOp, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { erasureStatements } from './erasure.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { eraseInterestOfContact, interestRequestsOf } from '~/features/interest/interest-privacy.server';

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

// A time as the export shows it: ISO 8601 (null stays null; drizzle decodes only values).
const toIso = (ms: number) => new Date(Number(ms)).toISOString();
const toIsoOrNull = (ms: number | null) => (ms == null ? null : toIso(ms));
const iso = (column: SQLiteColumn) => sql`${column}`.mapWith(toIso);
const isoOrNull = (column: SQLiteColumn) => sql`${column}`.mapWith(toIsoOrNull);

function registrationsOf(db: Db, contact: Contact) {
  const by = contact.kind === 'email' ? registrations.email : registrations.phone;
  return db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      email: registrations.email,
      phone: registrations.phone,
      language: registrations.language,
      adults: registrations.adults,
      childSchoolUai: registrations.childSchoolUai,
      consentAt: isoOrNull(registrations.consentAt),
      createdAt: iso(registrations.createdAt),
      cancelledAt: isoOrNull(registrations.cancelledAt),
      attended: attendance.present,
      session: {
        id: sessions.id,
        title: sessions.title,
        audience: sessions.audience,
        startsAt: iso(sessions.startsAt),
        endsAt: iso(sessions.endsAt),
        venue: sessions.venueName,
      },
    })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(eq(by, contact.value))
    .orderBy(asc(registrations.id));
}

async function accountOf(db: Db, contact: Contact) {
  if (contact.kind !== 'email') return null;
  const [account] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      schoolUai: users.schoolUai,
      createdAt: iso(users.createdAt),
    })
    .from(users)
    .where(eq(users.email, contact.value));
  return account ?? null;
}

function messagesOf(db: Db, registrationIds: number[], recipient: string) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      registrationId: outbox.registrationId,
      recipient: outbox.recipient,
      status: outbox.status,
      createdAt: iso(outbox.createdAt),
      sentAt: isoOrNull(outbox.sentAt),
      payload: outbox.payload,
    })
    .from(outbox)
    .where(or(inArray(outbox.registrationId, registrationIds), and(ne(outbox.recipient, ''), eq(outbox.recipient, recipient))))
    .orderBy(asc(outbox.id));
}

function auditEntriesOf(db: Db, registrationIds: number[], accountId: number | null) {
  return db
    .select({
      at: iso(auditLog.at),
      actorKind: auditLog.actorKind,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.subjectType, 'registration'), inArray(auditLog.subjectId, registrationIds.map(String))),
        and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, accountId == null ? '' : String(accountId))),
      ),
    )
    .orderBy(asc(auditLog.id));
}

export interface PersonalData {
  registrations: Awaited<ReturnType<typeof registrationsOf>>;
  messages: Awaited<ReturnType<typeof messagesOf>>;
  auditLog: Awaited<ReturnType<typeof auditEntriesOf>>;
  account: Awaited<ReturnType<typeof accountOf>>;
  interestRequests: Awaited<ReturnType<typeof interestRequestsOf>>;
  // A teacher's attestations: code, trainings, hours, and whether each is still valid.
  attestations: Awaited<ReturnType<typeof attestationsForExport>>;
}

export async function findPersonalData(db: Db, contact: Contact): Promise<PersonalData> {
  const [registrations, account, interestRequests] = await Promise.all([
    registrationsOf(db, contact),
    accountOf(db, contact),
    interestRequestsOf(db, contact),
  ]);
  const ids = registrations.map((r) => r.id);
  const recipient = contact.kind === 'email' ? contact.value : '';
  const [messages, auditLog, attestations] = await Promise.all([
    messagesOf(db, ids, recipient),
    auditEntriesOf(db, ids, account?.id ?? null),
    account ? attestationsForExport(db, account.id) : [],
  ]);
  return { registrations, account, messages, auditLog, interestRequests, attestations };
}

const counts = (data: PersonalData) => ({
  registrations: data.registrations.length,
  messages: data.messages.length,
  auditEntries: data.auditLog.length,
  account: data.account !== null,
  interestRequests: data.interestRequests.length,
});

export async function exportPersonalData(db: Db, contact: Contact, actor: Actor, now = Date.now()) {
  const data = await findPersonalData(db, contact);
  await auditStatement(db, actor, 'personal-data.exported', 'person', null, { by: contact.kind, ...counts(data) });
  return { exportedAt: new Date(now).toISOString(), contact: { [contact.kind]: contact.value }, ...data };
}

// Immediate and complete: live bookings are cancelled (their seats go to the waitlist), then
// every booking loses who it was, with its links and every message about it — the person is
// not mailed a cancellation, their address goes with the rest. Accounts are not touched: they
// are closed in the users page. A teacher's attestations are revoked and lose the name and
// school (the public page of a code then names nobody and says it is no longer valid).
export async function erasePersonalData(db: Db, contact: Contact, actor: Actor, now = Date.now()) {
  const data = await findPersonalData(db, contact);
  const ids = data.registrations.map((r) => r.id);
  if (!ids.length && !data.messages.length && !data.interestRequests.length) return counts(data);
  for (const r of data.registrations) {
    const live = r.status !== 'cancelled' && Date.parse(r.session.startsAt) > now;
    const registration = live ? await getRegistration(db, r.id) : null;
    if (registration) await cancelRegistration(db, registration, actor, { erase: true }, now);
  }
  const op = newOp();
  await db.batch([
    db.update(registrations).set({ lastOp: op }).where(inArray(registrations.id, ids)),
    ...erasureStatements(db, op, now, contact.kind === 'email' ? contact.value : null),
    ...eraseInterestOfContact(db, contact, now),
    ...(data.account ? [eraseAttestationsStatement(db, data.account.email, t('fr', 'training.revoke.erasedReason'), now)] : []),
    auditRegistrationsStatement(db, actor, 'registration.erased', op),
    auditStatement(db, actor, 'personal-data.erased', 'person', null, {
      by: contact.kind,
      ...counts(data),
      registrationIds: ids,
    }),
  ]);
  return counts(data);
}
