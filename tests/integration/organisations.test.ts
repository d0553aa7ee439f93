// Admins keep each training body's public name and contact right: what parents and teachers
// see on session pages, in emails and in invites. Bad input is refused field by field and
// changes nothing; each change is audited with what it was before.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, signedIn, type Accounts, type Client } from '../helpers/auth';
import { book } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

let people: Accounts;
let admin: Client;
const portal = testPortal({ env: { BACKGROUND_JOBS: 'off' }, seed: async (db) => void (people = await createAccounts(db)) });

beforeAll(async () => {
  admin = await signedIn(portal.url, people.admin.email);
});

async function ligue() {
  const rs = await portal.db.$client.execute("select name, contact_email, contact_phone from organisations where slug = 'ligue'");
  return rs.rows[0] as unknown as { name: string; contact_email: string | null; contact_phone: string | null };
}

describe('organisations', () => {
  it('lists each body with its contact', async () => {
    const page = await admin.get('/admin/organismes');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ligue de l&#39;Enseignement 13');
    expect(page.text).toContain('ateliers@ligue13.test');
    expect(page.text).toContain('Drane Aix-Marseille');
  });

  it('refuses a bad email or phone beside the field, and changes nothing', async () => {
    const before = await ligue();
    const res = await admin.postForm('/admin/organismes/ligue', { name: '  ', contactEmail: 'pas-une-adresse', contactPhone: '12' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('Cette adresse e-mail n&#39;est pas valable.');
    expect(res.text).toContain('Ce numéro n&#39;est pas valable.');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(await ligue()).toEqual(before);
  });

  it('saves a new contact that the next messages carry, and audits it', async () => {
    const res = await admin.postForm('/admin/organismes/ligue', {
      name: 'Ligue 13 — ateliers parents',
      contactEmail: ' Parents@Ligue13.TEST ',
      contactPhone: '+33 4 91 11 22 33',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/organismes?enregistre=ligue');
    expect((await admin.get(res.location!)).text).toContain('Les informations de Ligue 13 — ateliers parents sont enregistrées.');
    expect(await ligue()).toEqual({
      name: 'Ligue 13 — ateliers parents',
      contact_email: 'parents@ligue13.test',
      contact_phone: '04 91 11 22 33',
    });

    // Emptying a contact is allowed: nobody is told to write to an address that is gone.
    await admin.postForm('/admin/organismes/ligue', {
      name: 'Ligue 13 — ateliers parents',
      contactEmail: 'parents@ligue13.test',
      contactPhone: '',
    });
    expect((await ligue()).contact_phone).toBeNull();

    const sessionId = await createSession(portal.db);
    const { registration } = await book(portal.db, sessionId, { email: 'contact.check@example.fr' });
    const rs = await portal.db.$client.execute({ sql: 'select payload from outbox where registration_id = ?', args: [registration.id] });
    const payload = JSON.parse(String(rs.rows[0]!.payload)) as {
      session: { organisation: string; contactEmail: string; contactPhone: string | null };
    };
    expect(payload.session).toMatchObject({
      organisation: 'Ligue 13 — ateliers parents',
      contactEmail: 'parents@ligue13.test',
      contactPhone: null,
    });

    const audit = await portal.db.$client.execute(
      "select actor_user_id, details from audit_log where action = 'organisation.updated' order by id",
    );
    expect(audit.rows).toHaveLength(2);
    expect(Number(audit.rows[0]!.actor_user_id)).toBe(people.admin.id);
    expect(JSON.parse(String(audit.rows[0]!.details))).toMatchObject({
      before: { contactEmail: 'ateliers@ligue13.test' },
      after: { contactEmail: 'parents@ligue13.test' },
    });
  });
});
