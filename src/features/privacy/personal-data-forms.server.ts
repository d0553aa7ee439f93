// The form of the admin's personal-data page, posted with an `intent` (search, export,
// erase), to one domain call. The contact travels in the form body, never in a URL or a log.
import type { Db } from '~/platform/db/db.server';
import { erasePersonalData, exportPersonalData, findPersonalData, parseContact, type PersonalData } from './personal-data.server';
import type { SessionUser } from '~/features/accounts/users.server';

export type PersonalDataOutcome =
  | { kind: 'invalid'; field: 'contact' | 'confirm'; messageKey: string; contact: string }
  | { kind: 'found'; contact: string; data: PersonalData }
  | { kind: 'export'; response: Response }
  | { kind: 'erased'; registrations: number; messages: number };

export async function handlePersonalDataPost(
  db: Db,
  admin: SessionUser,
  form: Record<string, string>,
  now = Date.now(),
): Promise<PersonalDataOutcome> {
  const typed = (form.contact ?? '').slice(0, 300);
  const contact = parseContact(typed);
  if (!contact) return { kind: 'invalid', field: 'contact', messageKey: 'privacy.invalidContact', contact: typed };
  const actor = { kind: 'user' as const, userId: admin.id };
  if (form.intent === 'export') {
    const data = await exportPersonalData(db, contact, actor, now);
    const day = new Date(now).toISOString().slice(0, 10);
    const response = new Response(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="donnees-personnelles-${day}.json"`,
        'Cache-Control': 'no-store',
      },
    });
    return { kind: 'export', response };
  }
  if (form.intent === 'erase') {
    if (form.confirm !== 'on') return { kind: 'invalid', field: 'confirm', messageKey: 'privacy.confirmRequired', contact: typed };
    const done = await erasePersonalData(db, contact, actor, now);
    return { kind: 'erased', registrations: done.registrations, messages: done.messages };
  }
  return { kind: 'found', contact: typed, data: await findPersonalData(db, contact) };
}
