// Issue 14, finding 8: the privacy notice a public service owes, in three languages, linked
// from every page and every form that collects data; the notice version stored with each
// booking the person made themself, and none for people booked by staff.
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '~/features/privacy/notice';
import { auditRetentionJob } from '~/features/privacy/audit-retention.server';
import { defaultJobs } from '~/platform/jobs/scheduled-jobs.server';
import { runJobIfDue } from '~/platform/jobs/scheduler.server';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

let people: Accounts;
let trainer: Client;
const portal = testPortal({
  env: { RETENTION_DAYS: '120', AUDIT_RETENTION_DAYS: '400', TEACHER_RETENTION_DAYS: '730', PRIVACY_DPO_EMAIL: 'dpo@ville.test' },
  seed: async (db) => void (people = await createAccounts(db)),
});
beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
});

const text = async (path: string, client?: Client) => {
  const html = client ? (await client.get(path)).text : await (await fetch(`${portal.url}${path}`)).text();
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
};

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows;
}

describe('the notice', () => {
  it('names the controller, the DPO, the legal basis, what is kept how long, the rights and the CNIL', async () => {
    const res = await fetch(`${portal.url}/confidentialite`);
    expect(res.status).toBe(200);
    const page = (await res.text()).replace(/&#39;/g, "'");
    for (const part of [
      'Ville de Marseille, Hôtel de Ville, quai du Port, 13002 Marseille',
      'Ligue de l',
      'Drane Aix-Marseille',
      'dpo@ville.test',
      "mission d'intérêt public",
      'seulement pour vous envoyer ces messages par SMS',
      'effacés 120 jours après l',
      // Teacher records are now erased on schedule, TEACHER_RETENTION_DAYS after their last activity.
      'effacés 730 jours après la dernière activité',
      'gardé 400 jours',
      'le lien reçu à l',
      'https://www.cnil.fr/fr/plaintes',
      `Version du ${PRIVACY_NOTICE_VERSION}`,
    ])
      expect(page).toContain(part);
  });

  it('exists in Arabic (right to left) and English', async () => {
    const ar = await text('/ar/confidentialite');
    expect(ar).toContain('<html lang="ar" dir="rtl"');
    expect(ar).toContain('CNIL');
    const en = await text('/en/confidentialite');
    expect(en).toContain('task carried out in the public interest');
    expect(en).toContain('erased 120 days after the workshop');
  });

  it('is linked from the footer of pages in every language and from the forms that collect data', async () => {
    const id = await createSession(portal.db);
    for (const [path, href] of [
      ['/', '/confidentialite'],
      ['/ar/', '/ar/confidentialite'],
      ['/en/', '/en/confidentialite'],
      [`/sessions/${id}`, '/confidentialite'],
      [`/en/sessions/${id}`, '/en/confidentialite'],
      ['/login', '/confidentialite'],
      ['/inscription', '/confidentialite'],
    ])
      expect((await text(path!)).match(new RegExp(`href="${href}"`, 'g'))?.length ?? 0, path).toBeGreaterThanOrEqual(1);
    // The booking form and the teacher sign-up each point to it beside their fields.
    expect(await text(`/sessions/${id}`)).toContain('Ce que nous faisons de vos données');
    expect(await text('/inscription')).toContain("En créant votre compte, vous recevez l'information sur vos données");
    // Staff pages too, and the assisted booking tells staff where to send the person.
    const roster = await text(`/formateur/sessions/${id}`, trainer);
    expect(roster).toContain('href="/confidentialite"');
    expect(roster).toContain(`Vos données personnelles : ${portal.url}/confidentialite`);
  });
});

describe('consent versions', () => {
  it('stores the notice version with a booking the person made, none with one made by staff or a walk-in', async () => {
    const id = await createSession(portal.db, { capacity: 10, startsAt: Date.now() + 60_000 });
    const own = await fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Amina', lastName: 'Benali', phone: '0611111111', consent: true }),
    });
    expect(own.status).toBe(201);
    const form = (fields: Record<string, string>) => ({
      body: new URLSearchParams(fields),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const assisted = await trainer.request(
      'POST',
      `/formateur/sessions/${id}`,
      form({ intent: 'book', firstName: 'Fatou', lastName: 'Diallo', adults: '1', language: 'fr', consent: 'on' }),
    );
    expect(assisted.status).toBe(303);
    // The ticket handed over says where the notice is.
    expect(await text(assisted.location!, trainer)).toContain(`Vos données personnelles : ${portal.url}/confidentialite`);
    const walkIn = await trainer.request(
      'POST',
      `/formateur/sessions/${id}/presences`,
      form({ intent: 'walk-in', firstName: 'Sami', lastName: 'Nouveau', adults: '1' }),
    );
    expect(walkIn.status).toBe(303);
    const stored = await rows('select first_name, consent_version, consent_at from registrations where session_id = ? order by id', [id]);
    expect(stored.map((r) => [r.first_name, r.consent_version])).toEqual([
      ['Amina', PRIVACY_NOTICE_VERSION],
      ['Fatou', null],
      ['Sami', null],
    ]);
    expect(stored[0]!.consent_at).not.toBeNull();
    expect(stored.slice(1).every((r) => r.consent_at === null)).toBe(true);
  });
});

describe('the audit log retention', () => {
  it('deletes entries older than AUDIT_RETENTION_DAYS, once a day, and keeps the others', async () => {
    // Some days ahead: the portal's own scheduler has already run today's pass.
    const DAY = 86_400_000;
    const now = Date.now() + 3 * DAY;
    await portal.db.$client.execute({
      sql: `insert into audit_log (at, actor_kind, action, subject_type) values (?, 'system', 'test.old', 'test'), (?, 'system', 'test.recent', 'test')`,
      args: [now - 401 * DAY, now - 399 * DAY],
    });
    expect(defaultJobs().map((j) => j.name)).toContain('audit-retention');
    const job = auditRetentionJob(400);
    expect(await runJobIfDue(portal.db, job, 'instance-a', now)).toBe('ran');
    const left = await rows(`select action from audit_log where action like 'test.%'`);
    expect(left.map((r) => r.action)).toEqual(['test.recent']);
  });
});
