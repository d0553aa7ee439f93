// A teacher on a phone, without JavaScript: their home puts the trainings for the equipment
// their school is getting first, and books one in one tap.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'le cahier de textes en ligne';
const email = `hugo.${Date.now()}@ac-aix-marseille.fr`;

function cli(...args: string[]) {
  execFileSync('node_modules/.bin/node', ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
    stdio: 'pipe',
  });
}

// The Panier school has interactive displays planned (the city's file, imported again: no change
// if it already was).
test.beforeAll(() => {
  cli('rollouts:import', 'tests/fixtures/rollouts-simple.csv', '--apply');
  cli('user:create', '--role', 'teacher', '--email', email, '--name', 'Hugo Lefèvre', '--password', PASSWORD, '--school', '0130002B');
});

async function signIn(page: Page) {
  await page.goto('/login?next=/enseignant');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a teacher books a training for their school’s equipment in one tap', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Mes formations' })).toBeVisible();
    await expect(page.getByText('Votre école : École maternelle du Panier')).toBeVisible();
    const mine = page.getByRole('region', { name: "Pour l'équipement de votre école" });
    await expect(mine.getByText('Pour : écrans interactifs')).toBeVisible();
    await mine
      .getByRole('button', { name: /^Réserver : Prendre en main l'écran interactif/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();

    await page.goto('/enseignant');
    await expect(mine.getByText('Vous êtes inscrit·e')).toBeVisible();
    const record = page.getByRole('region', { name: 'Mon parcours' });
    await expect(record.getByRole('link', { name: "Prendre en main l'écran interactif" })).toBeVisible();
  });
});

test('the teacher home passes axe (WCAG 2.2 AA)', async ({ page }) => {
  await signIn(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
  ).toEqual([]);
});
