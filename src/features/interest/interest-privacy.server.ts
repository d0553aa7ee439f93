// "Prévenez-moi" requests as personal data (DESIGN rule 6): what an admin's export shows, what
// an erasure removes, and the daily job that forgets requests past their six months.
import { and, asc, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { interestRequests } from '~db/schema';
import { audit, SYSTEM } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';
import { eraseInterestStatements } from './interest.server';

type Contact = { kind: 'email' | 'phone'; value: string };

const ofContact = (contact: Contact): SQL =>
  contact.kind === 'email' ? eq(interestRequests.email, contact.value) : eq(interestRequests.phone, contact.value);

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());

export async function interestRequestsOf(db: Db, contact: Contact) {
  const i = interestRequests;
  const rows = await db
    .select({
      id: i.id,
      schoolUai: i.schoolUai,
      language: i.language,
      messageLanguage: i.messageLanguage,
      email: i.email,
      phone: i.phone,
      consentAt: i.consentAt,
      expiresAt: i.expiresAt,
      withdrawnAt: i.withdrawnAt,
      createdAt: i.createdAt,
    })
    .from(i)
    .where(ofContact(contact))
    .orderBy(asc(i.id));
  return rows.map((r) => ({
    ...r,
    consentAt: iso(r.consentAt),
    expiresAt: iso(r.expiresAt),
    withdrawnAt: iso(r.withdrawnAt),
    createdAt: iso(r.createdAt),
  }));
}

// For an admin's erasure, in its batch.
export function eraseInterestOfContact(db: Db, contact: Contact, now: number) {
  return eraseInterestStatements(db, ofContact(contact), now, false);
}

export async function eraseExpiredInterest(db: Db, now: number): Promise<number> {
  const expired = and(lte(interestRequests.expiresAt, now), isNull(interestRequests.erasedAt))!;
  const [marked] = await db
    .select({ n: sql<number>`count(*)` })
    .from(interestRequests)
    .where(expired);
  if (!marked?.n) return 0;
  await db.batch([...eraseInterestStatements(db, expired, now, false)]);
  await audit(db, SYSTEM, 'personal-data.retention', 'interest', null, { erased: marked.n });
  return marked.n;
}

export const interestExpiryJob: ScheduledJob = {
  name: 'interest-expiry',
  period: (now) => new Date(now).toISOString().slice(0, 10),
  run: async (db, _period, now) => ({ erased: await eraseExpiredInterest(db, now) }),
};
