// A trainer on a phone: signs in, plans a session starting soon, a parent books it from
// another browser, the trainer marks them present at the door and exports the roster.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'le tableau blanc du jeudi';
const email = `nadia.${Date.now()}@ligue13.test`;

// The account is made the way an administrator would, with the CLI of DESIGN.md.
test.beforeAll(() => {
  execFileSync(
    'node_modules/.bin/node',
    [
      '--import',
      'tsx',
      'scripts/cli.ts',
      'user:create',
      '--role',
      'trainer',
      '--email',
      email,
      '--name',
      'Nadia Formatrice',
      '--password',
      PASSWORD,
      '--org',
      'ligue',
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' }, stdio: 'pipe' },
  );
});

// Date and time fields are in Paris time, whatever the machine's zone.
function parisInMinutes(minutes: number): { date: string; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(Date.now() + minutes * 60_000)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

async function expectAccessible(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
    state,
  ).toEqual([]);
}

test('a trainer plans a session, a parent books it, the trainer takes attendance and exports', async ({ page, browser }) => {
  // A whole working day in one journey, two browsers and four accessibility scans.
  test.setTimeout(90_000);
  await page.goto('/login?next=/formateur');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes ateliers' })).toBeVisible();
  await expectAccessible(page, 'trainer home');

  // Planned to start in twenty minutes: the door opens half an hour before.
  await page.getByRole('link', { name: 'Créer un atelier' }).click();
  await page.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(page.getByText('Donnez un titre, ou choisissez un parcours.').first()).toBeVisible();
  await expectAccessible(page, 'session form with errors');
  const start = parisInMinutes(20);
  await page.getByLabel('Parcours').selectOption({ label: 'Aucun : titre libre' });
  await page.getByLabel('Titre', { exact: true }).fill("Le portail de l'école sur mon téléphone");
  await page.getByLabel('Date', { exact: true }).fill(start.date);
  await page.getByLabel('Heure de début').fill(start.time);
  await page.getByLabel('Durée').selectOption({ label: '1 h 30' });
  await page.getByLabel('Lieu', { exact: true }).fill('Centre social Belsunce');
  await page.getByLabel('Adresse', { exact: true }).fill('16 rue Bernard du Bois, 13001 Marseille');
  await page.getByLabel('Nombre de places').fill('8');
  await page.getByLabel('arabe', { exact: true }).check();
  await page.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(page.getByText("L'atelier est créé.")).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: "Le portail de l'école sur mon téléphone" })).toBeVisible();
  const sessionPath = new URL(page.url()).pathname;
  const sessionId = sessionPath.split('/').pop()!;

  // A parent, in another browser without JavaScript, books from the public page.
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', javaScriptEnabled: false });
  const parent = await parentContext.newPage();
  await parent.goto(`${new URL(page.url()).origin}/sessions/${sessionId}`);
  await parent.getByLabel('Prénom').fill('Amina');
  await parent.getByLabel('Nom', { exact: true }).fill('Benali');
  await parent.getByLabel('Téléphone').fill('06 12 34 56 78');
  await parent.getByLabel(/J'accepte/).check();
  await parent.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
  const code = (await parent.locator('.code').textContent())!.trim();
  await parentContext.close();

  // At the door: the roster shows her with her contact; one tap marks her present.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Places confirmées (1)' })).toContainText('Amina Benali');
  await expect(page.getByRole('link', { name: '06 12 34 56 78' })).toBeVisible();
  await expectAccessible(page, 'roster');
  await page.getByRole('link', { name: "Faire l'appel" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Présences' })).toBeVisible();
  await page.getByLabel('Nom ou code').fill(code.slice(0, 3).toLowerCase());
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByRole('button', { name: 'Présent : Amina Benali' }).click();
  await expect(page.getByText('Amina Benali : présence notée.')).toBeVisible();
  await expect(page.getByText('Présents : 1 sur 1 inscrits')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirer : Amina Benali' })).toBeVisible();
  await expectAccessible(page, 'attendance');

  // The roster leaves as a spreadsheet, attendance included.
  await page.getByRole('link', { name: /Liste complète/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Exporter la liste (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^inscrits-\d{4}-\d\d-\d\d-atelier-\d+\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe(
    "Statut;Position d'attente;Nom;Prénom;Adultes;Téléphone;E-mail;Langue;Code;Présence;Inscrit le;Inscrit par;Garde d'enfants;Interprète;Accessibilité",
  );
  expect(lines[1]).toMatch(new RegExp(`^Confirmé;;Benali;Amina;1;06 12 34 56 78;;français;${code};présent;`));
});
