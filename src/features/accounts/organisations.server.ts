// The training bodies (the Ligue, the Drane, the city): their public name and the contact
// every parent and teacher sees on session pages, in emails and in invites. Admins keep them
// right; each change is audited with what it was before.
import { asStatement } from '~/platform/db/statement';
import { formatPhone, normaliseEmail, normalisePhone } from '~/features/registration/contact';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';

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
  const rs = await db.$client.execute({
    sql: `select o.id, o.slug, o.name, o.contact_email, o.contact_phone,
            (select count(*) from users u where u.organisation_id = o.id and u.role = 'trainer' and u.active = 1) as trainers,
            (select count(*) from sessions s where s.organisation_id = o.id and s.status = 'scheduled' and s.starts_at > ?) as upcoming
          from organisations o order by o.name`,
    args: [now],
  });
  return rs.rows.map((r) => ({
    id: Number(r.id),
    slug: String(r.slug),
    name: String(r.name),
    contactEmail: r.contact_email == null ? null : String(r.contact_email),
    contactPhone: r.contact_phone == null ? null : String(r.contact_phone),
    trainers: Number(r.trainers),
    upcomingSessions: Number(r.upcoming),
  }));
}

export async function getOrganisation(db: Db, slug: string): Promise<Organisation | null> {
  return (await listOrganisations(db)).find((o) => o.slug === slug) ?? null;
}

// The edit form: a name, and an email and a phone number that may be left empty. Errors are
// translation keys, one per field.
export function parseOrganisationForm(form: Record<string, string>): { ok: true; value: OrganisationContact } | { ok: false; errors: Record<string, string> } {
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
  await db.$client.batch(
    [
      { sql: 'update organisations set name = ?, contact_email = ?, contact_phone = ? where id = ?', args: [value.name, value.contactEmail, value.contactPhone, organisation.id] },
      asStatement(auditStatement(db, actor, 'organisation.updated', 'organisation', organisation.id, { before, after: value })),
    ],
    'write',
  );
}
