// A trainer cancels a session booked by phone-only parents, on a phone without JavaScript:
// the portal says how many were really told (none: SMS are not set up on this server), lists
// the people to call with their numbers, and keeps the "J'ai appelé" tick.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'la craie verte du lundi';
const email = `samia.${Date.now()}@ligue13.test`;

test.beforeAll(() => {
  execFileSync(
    'node_modules/.bin/node',
    ['--import', 'tsx', 'scripts/cli.ts', 'user:create', '--role', 'trainer', '--email', email, '--name', 'Samia Formatrice'].concat([
      '--password',
      PASSWORD,
      '--org',
      'ligue',
    ]),
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' }, stdio: 'pipe' },
  );
});

test('after cancelling, the trainer sees who could not be told and ticks the calls made', async ({ browser }) => {
  test.setTimeout(60_000);
  const options = { viewport: { width: 360, height: 740 }, locale: 'fr-FR', javaScriptEnabled: false };
  const trainerContext = await browser.newContext(options);
  const page = await trainerContext.newPage();
  await page.goto('/login?next=/formateur');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Créer un atelier' }).click();
  await page.getByLabel('Parcours').selectOption({ label: 'Aucun : titre libre' });
  await page.getByLabel('Titre', { exact: true }).fill('Pronote sur mon téléphone');
  await page.getByLabel('Date', { exact: true }).fill('2027-06-10');
  await page.getByLabel('Heure de début').fill('14:00');
  await page.getByLabel('Lieu', { exact: true }).fill('Centre social Belsunce');
  await page.getByLabel('Nombre de places').fill('8');
  await page.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(page.getByText("L'atelier est créé.")).toBeVisible();
  const sessionPath = new URL(page.url()).pathname;

  // Two parents book with a phone only, from a phone without JavaScript.
  for (const [firstName, phone] of [
    ['Amina', '06 39 98 40 01'],
    ['Karima', '06 39 98 40 02'],
  ] as const) {
    const parentContext = await browser.newContext(options);
    const parent = await parentContext.newPage();
    await parent.goto(`/sessions/${sessionPath.split('/').pop()}`);
    await parent.getByLabel('Prénom').fill(firstName);
    await parent.getByLabel('Nom', { exact: true }).fill('Haddad');
    await parent.getByLabel('Téléphone').fill(phone);
    await parent.getByLabel(/J'accepte/).check();
    await parent.getByRole('button', { name: 'Réserver ma place' }).click();
    await expect(parent.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
    await parentContext.close();
  }

  await page.goto(`${sessionPath}/modifier`);
  await page.getByLabel("Raison de l'annulation").fill('La salle est fermée');
  await page.getByRole('button', { name: "Annuler l'atelier et prévenir les inscrits" }).click();
  // This server has no SMS_URL: the SMS wait in the outbox, so nobody is counted as told.
  await expect(
    page.getByText("L'atelier est annulé. Personne par e-mail, personne par SMS. 2 personnes n'ont pas pu être prévenues"),
  ).toBeVisible();
  const calls = page.getByRole('region', { name: 'À appeler' });
  await expect(calls).toContainText('Amina Haddad');
  await expect(calls).toContainText('Karima Haddad');
  await expect(calls.getByText('les SMS ne sont pas configurés')).toHaveCount(2);
  await expect(calls.getByRole('link', { name: '06 39 98 40 01' })).toHaveAttribute('href', 'tel:+33639984001');
  await calls.getByRole('button', { name: "J'ai appelé : Amina Haddad" }).click();
  await expect(page.getByText("C'est noté : Amina Haddad a été appelé.")).toBeVisible();
  await expect(calls.getByText(/Appelé le/)).toHaveCount(1);
  await expect(calls.getByRole('button', { name: "J'ai appelé : Karima Haddad" })).toBeVisible();
  // The tick is kept: it is still there on the next visit.
  await page.goto(sessionPath);
  await expect(page.getByRole('region', { name: 'À appeler' }).getByText(/Appelé le/)).toHaveCount(1);
  await trainerContext.close();
});
