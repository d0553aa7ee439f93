// The training bodies (the Ligue, the Drane, the city): their public name and the contact
// every parent and teacher sees on session pages, in emails and in invites. Admins keep them
// right; each change is audited with what it was before.
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { organisations, sessions, users } from '~db/schema';
import { formatPhone, normaliseEmail, normalisePhone } from '~/features/registration/contact';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { qualified } from '~/features/registration/seat-sql';

export interface Organisation {
  id: number;
  slug: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  trainers: number;
  upcomingSessions: number;
}

export interface OrganisationContact {
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
}

export async function listOrganisations(db: Db, now = Date.now()): Promise<Organisation[]> {
  // Correlated subqueries: `qualified` names the outer organisation with its table.
  const trainers = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, qualified(organisations.id)), eq(users.role, 'trainer'), eq(users.active, true)));
  const upcoming = db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.organisationId, qualified(organisations.id)), eq(sessions.status, 'scheduled'), gt(sessions.startsAt, now)));
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      contactEmail: organisations.contactEmail,
      contactPhone: organisations.contactPhone,
      trainers: sql<number>`${trainers}`.mapWith(Number),
      upcomingSessions: sql<number>`${upcoming}`.mapWith(Number),
    })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function getOrganisation(db: Db, slug: string): Promise<Organisation | null> {
  return (await listOrganisations(db)).find((o) => o.slug === slug) ?? null;
}

// The edit form: a name, and an email and a phone number that may be left empty. Errors are
// translation keys, one per field.
export function parseOrganisationForm(
  form: Record<string, string>,
): { ok: true; value: OrganisationContact } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = (form.name ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'errors.required';
  else if (name.length > 120) errors.name = 'errors.tooLong';
  else if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) errors.name = 'errors.invalidCharacters';
  const emailText = (form.contactEmail ?? '').trim();
  const contactEmail = emailText ? normaliseEmail(emailText) : null;
  if (emailText && !contactEmail) errors.contactEmail = 'errors.invalidEmail';
  const phoneText = (form.contactPhone ?? '').trim();
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) errors.contactPhone = 'errors.invalidPhone';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { name, contactEmail, contactPhone: phone && formatPhone(phone) } };
}

export async function updateOrganisation(db: Db, organisation: Organisation, value: OrganisationContact, actor: Actor): Promise<void> {
  const before = { name: organisation.name, contactEmail: organisation.contactEmail, contactPhone: organisation.contactPhone };
  await db.batch([
    db
      .update(organisations)
      .set({ name: value.name, contactEmail: value.contactEmail, contactPhone: value.contactPhone })
      .where(eq(organisations.id, organisation.id)),
    auditStatement(db, actor, 'organisation.updated', 'organisation', organisation.id, { before, after: value }),
  ]);
}
