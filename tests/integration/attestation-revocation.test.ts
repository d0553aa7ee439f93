// Issue 17, attestations after they are delivered (through HTTP): Drane staff revoke one from
// the teacher's training page (a reason required, audited), the public page says "révoquée
// le …", the teacher sees it and can no longer download it; the GDPR export lists a person's
// attestations with their validity, and erasure revokes them and takes the name out.
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '~/features/accounts/users.server';
import { SYSTEM } from '~/features/audit/audit.server';
import { Client, createAccounts, PASSWORD, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

let people: Accounts;
let jules: { id: number; email: string };
let drane: Client;
let teacher: Client;

const portal = testPortal({
  seed: async (db) => {
    people = await createAccounts(db);
    const made = await createUser(
      db,
      { role: 'teacher', email: 'jules.collegue@ac-aix-marseille.fr', name: 'Jules Collègue', schoolUai: '0130001A', password: PASSWORD },
      SYSTEM,
    );
    if (!made.ok) throw new Error('no second teacher');
    jules = made.user;
    await db.$client.execute(
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on) values ('0130001A', 'interactive-display', 5, '2026-09-01', '2026-09-15')`,
    );
  },
});

beforeAll(async () => {
  drane = await signedIn(portal.url, people.drane.email);
  teacher = await signedIn(portal.url, people.teacher.email);
});

async function rows<T = Record<string, unknown>>(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as T[];
}

// A teacher attended a training (2 h) two weeks ago (marked present by Drane staff), and downloaded
// its attestation: its registration id and public code.
async function attendedWithAttestation(client: Client, who: { id: number; email: string }, title: string) {
  const sessionId = await createSession(portal.db, { audience: 'teacher', trackId: 2, startsAt: Date.now() - 14 * DAY, title });
  const [reg] = await rows<{ id: number }>(
    `insert into registrations (session_id, status, first_name, last_name, email, user_id, code) values (?, 'confirmed', 'T', 'T', ?, ?, ?) returning id`,
    [sessionId, who.email, who.id, `A${sessionId}X${who.id}`],
  );
  const marked = await drane.request('PUT', `/api/v1/registrations/${reg!.id}/attendance`, {
    body: '{"present":true}',
    headers: { 'Content-Type': 'application/json' },
  });
  expect(marked.status).toBe(200);
  const pdf = await client.get(`/enseignant/attestations/${reg!.id}.pdf`);
  expect(pdf.status).toBe(200);
  const [a] = await rows<{ id: number; code: string }>(`select id, code from attestations where user_id = ? order by id desc limit 1`, [
    who.id,
  ]);
  return { registrationId: Number(reg!.id), attestationId: Number(a!.id), code: String(a!.code) };
}

describe('revoking an attestation', () => {
  it('Drane staff revoke it with a reason from the teacher’s page; the public page and the teacher see it', async () => {
    const { registrationId, attestationId, code } = await attendedWithAttestation(teacher, people.teacher, 'Le TNI au quotidien');
    const school = await drane.get('/drane/ecoles/0130001A');
    expect(school.text).toContain(`<a href="/drane/enseignants/${people.teacher.id}">Claire Enseignante</a>`);

    const page = await drane.get(`/drane/enseignants/${people.teacher.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Formation de Claire Enseignante');
    expect(page.text).toContain('Le TNI au quotidien : 2 h');
    expect(page.text).toContain(code);
    expect(page.text).toContain('Valable');
    expect(page.text).toContain('Révoquer cette attestation');
    for (const who of [teacher, await signedIn(portal.url, people.city.email)]) {
      expect((await who.get(`/drane/enseignants/${people.teacher.id}`)).status).toBe(403);
      expect(
        (
          await who.postForm(`/drane/enseignants/${people.teacher.id}`, {
            intent: 'revoke',
            attestationId: String(attestationId),
            reason: 'Non',
          })
        ).status,
      ).toBe(403);
    }

    const noReason = await drane.postForm(`/drane/enseignants/${people.teacher.id}`, {
      intent: 'revoke',
      attestationId: String(attestationId),
      reason: ' ',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Indiquez le motif de la révocation');
    expect(noReason.text).toContain('aria-invalid="true"');
    expect((await new Client(portal.url).get(`/attestation/${code}`)).text).toContain('Cette attestation est valable.');

    const revoked = await drane.postForm(`/drane/enseignants/${people.teacher.id}`, {
      intent: 'revoke',
      attestationId: String(attestationId),
      reason: 'Présence saisie par erreur',
    });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`/drane/enseignants/${people.teacher.id}?fait=revoke#attestations`);
    const after = await drane.get(revoked.location!);
    expect(after.text).toContain('L&#39;attestation est révoquée');
    expect(after.text).toMatch(/Révoquée le \S+ \d+(er)? \S+ \d{4}/);
    expect(after.text).toContain('Motif : Présence saisie par erreur');
    expect(after.text).not.toContain('Révoquer cette attestation');

    const audit = await rows<{ actor_user_id: number; details: string }>(
      `select actor_user_id, details from audit_log where action = 'attestation.revoked' and subject_id = ?`,
      [String(attestationId)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(people.drane.id);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ teacherId: people.teacher.id, reason: 'Présence saisie par erreur' });

    const publicPage = await new Client(portal.url).get(`/attestation/${code}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toMatch(/Cette attestation a été révoquée le \S+ \d+(er)? \S+ \d{4}/);
    expect(publicPage.text).not.toContain('Cette attestation est valable.');

    const home = await teacher.get('/enseignant');
    expect(home.text).toContain('Attestations révoquées');
    expect(home.text).toContain('Le TNI au quotidien : révoquée le');
    expect(home.text).toContain('Motif : Présence saisie par erreur');
    expect(home.text).toContain('Attestation révoquée (voir plus bas)');
    expect(home.text).not.toContain(`/enseignant/attestations/${registrationId}.pdf`);
    expect((await teacher.get(`/enseignant/attestations/${registrationId}.pdf`)).status).toBe(410);

    const twice = await drane.postForm(`/drane/enseignants/${people.teacher.id}`, {
      intent: 'revoke',
      attestationId: String(attestationId),
      reason: 'Encore',
    });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('déjà révoquée');
    // Another teacher's attestation id under this teacher's page is not found.
    expect((await drane.get(`/drane/enseignants/${people.drane.id}`)).status).toBe(404);
  });
});

describe('attestations and personal data', () => {
  it('the export lists them with code, training, hours and validity; erasure revokes them and removes the name', async () => {
    const { code } = await attendedWithAttestation(await signedIn(portal.url, jules.email), jules, 'Les tablettes en maternelle');
    const admin = await signedIn(portal.url, people.admin.email);
    const exported = await admin.postForm('/admin/donnees-personnelles', { intent: 'export', contact: jules.email });
    expect(exported.status).toBe(200);
    const data = exported.json<{ attestations: Record<string, unknown>[] }>();
    expect(data.attestations).toEqual([
      {
        code,
        kind: 'training',
        schoolYear: expect.stringMatching(/^\d{4}-\d{4}$/),
        hours: 2,
        trainings: [{ title: 'Les tablettes en maternelle', startsAt: expect.any(String), hours: 2 }],
        issuedAt: expect.any(String),
        valid: true,
        revokedAt: null,
        revokedReason: null,
        verifyUrl: expect.stringMatching(new RegExp(`/attestation/${code}$`)),
      },
    ]);
    expect((await new Client(portal.url).get(`/attestation/${code}`)).text).toContain('Jules Collègue');

    const erased = await admin.postForm('/admin/donnees-personnelles', { intent: 'erase', contact: jules.email, confirm: 'on' });
    expect(erased.status).toBe(303);
    const publicPage = await new Client(portal.url).get(`/attestation/${code}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).not.toContain('Jules');
    expect(publicPage.text).not.toContain('Collègue');
    expect(publicPage.text).toContain('a été révoquée le');
    const [stored] = await rows<{ snapshot: string; revoked_reason: string }>(
      `select snapshot, revoked_reason from attestations where code = ?`,
      [code],
    );
    expect(JSON.parse(stored!.snapshot)).toMatchObject({ teacher: '', school: null });
    expect(stored!.revoked_reason).toBe('Données personnelles effacées');
    const again = (await admin.postForm('/admin/donnees-personnelles', { intent: 'export', contact: jules.email })).json<{
      attestations: { valid: boolean; revokedAt: string | null }[];
    }>();
    expect(again.attestations).toMatchObject([{ valid: false, revokedAt: expect.any(String) }]);
  });
});
