// A teacher signs up with an academic address, confirms it from the emailed link and books a
// Drane training, on a phone without JavaScript.
import { createClient } from '@libsql/client';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

// The confirmation email as a mail client would show it: read from the fixture server's outbox.
async function confirmationLink(recipient: string): Promise<string> {
  const client = createClient({ url: e2eDatabaseUrl });
  try {
    const rs = await client.execute({
      sql: `select payload from outbox where kind = 'account-verify-email' and recipient = ? order by id desc limit 1`,
      args: [recipient],
    });
    if (!rs.rows[0]) throw new Error(`no confirmation email for ${recipient}`);
    return new URL(String((JSON.parse(String(rs.rows[0].payload)) as { url: string }).url)).pathname;
  } finally {
    client.close();
  }
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a teacher signs up, confirms the address and books a Drane session', async ({ page }) => {
    const email = `camille.${Date.now()}@ac-aix-marseille.fr`;
    await page.goto('/login');
    await page.getByRole('link', { name: /Créez votre compte/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte enseignant' })).toBeVisible();

    // The school is found with a plain search, then chosen in the list.
    await page.getByLabel(/Chercher votre école/).fill('belsunce');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByLabel(/École élémentaire Belsunce/).check();
    await page.getByLabel('Prénom et nom').fill('Camille Durand');
    await page.getByLabel('Adresse e-mail académique').fill('camille@gmail.com');
    await page.getByLabel('Mot de passe').fill('motdepasse');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    // Errors sit next to their field; what was typed stays, except the password.
    await expect(page.locator('#f-email-error')).toContainText('adresse académique');
    await expect(page.locator('#f-password-error')).toContainText('trop courant');
    await expect(page.getByLabel('Prénom et nom')).toHaveValue('Camille Durand');
    await expect(page.getByLabel(/École élémentaire Belsunce/)).toBeChecked();

    await page.getByLabel('Adresse e-mail académique').fill(email);
    await page.getByLabel('Mot de passe').fill('les cartables du lundi matin');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Camille Durand' })).toBeVisible();
    await expect(page.getByText('pas encore confirmée')).toBeVisible();

    // Before confirming, a teacher session cannot be booked.
    const sessions = (await (await page.request.get('/api/v1/sessions?audience=teacher')).json()) as { sessions: { id: number }[] };
    const sessionId = sessions.sessions[0]!.id;
    const early = await page.request.post(`/api/v1/sessions/${sessionId}/registrations`, { data: {} });
    expect(early.status()).toBe(403);

    await page.goto(await confirmationLink(email));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByText('Votre adresse est confirmée.')).toBeVisible();

    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Réserver ma place' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
  });
});

test('the account pages pass axe (WCAG 2.2 AA), errors shown included', async ({ page }) => {
  const check = async (state: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.help}`),
      state,
    ).toEqual([]);
  };
  for (const path of ['/login', '/inscription?q=belsunce', '/mot-de-passe-oublie', '/reinitialiser/aaaaaaaaaaaaaaaaaaaa']) {
    await page.goto(path);
    await check(path);
  }
  await page.goto('/login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await check('login with errors');
  await page.goto('/inscription?q=belsunce');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await check('sign-up with errors');
});
