// Administrators, Drane and city staff on a phone: every page of their spaces fits 360 px (wide
// tables scroll inside their own box, never the page) and passes axe (WCAG 2.2 AA).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'les registres du vendredi';
const stamp = Date.now();
const accounts = {
  admin: `camille.${stamp}@marseille.test`,
  drane: `yacine.${stamp}@ac-aix-marseille.fr`,
  city: `lucie.${stamp}@marseille.test`,
};

test.beforeAll(() => {
  for (const [role, email] of Object.entries(accounts)) {
    execFileSync(
      'node_modules/.bin/node',
      [
        '--import',
        'tsx',
        'scripts/cli.ts',
        'user:create',
        '--role',
        role,
        '--email',
        email,
        '--name',
        `${role} ${stamp}`,
        '--password',
        PASSWORD,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
        stdio: 'pipe',
      },
    );
  }
});

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('link', { name: 'Se déconnecter' }).or(page.getByRole('button', { name: 'Se déconnecter' }))).toBeVisible();
}

// An administrator without two-step verification is sent to set it up: the test plays the
// authenticator app, reading the key shown in text and typing the code it gives.
async function enrolTwoFactor(page: Page) {
  await expect(page).toHaveURL(/\/compte\/deux-facteurs$/);
  await expectFitsAndAccessible(page, '/compte/deux-facteurs');
  const secret = (await page.locator('[data-totp-secret]').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code de vérification').fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page.getByText('La validation en deux étapes est active')).toBeVisible();
}

async function expectFitsAndAccessible(page: Page, path: string) {
  await page.goto(path);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `${path} scrolls sideways by`,
  ).toBeLessThanOrEqual(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
    path,
  ).toEqual([]);
}

test("an administrator's pages fit a phone and pass axe", async ({ page }) => {
  await signIn(page, accounts.admin);
  await enrolTwoFactor(page);
  for (const path of [
    '/admin',
    '/admin/utilisateurs',
    '/admin/organismes',
    '/admin/organismes/ligue',
    '/admin/outbox',
    '/admin/donnees-personnelles',
    '/compte',
  ])
    await expectFitsAndAccessible(page, path);
  // The list of people is a table wider than the phone: it scrolls in its box.
  const table = page.locator('.table-scroll').first();
  await page.goto('/admin/utilisateurs');
  expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test('Drane staff pages fit a phone and pass axe', async ({ page }) => {
  await signIn(page, accounts.drane);
  for (const path of ['/drane', '/drane?arrondissement=2', '/drane/ecoles/0130002B']) await expectFitsAndAccessible(page, path);
});

test('city staff pages, equipment import included, fit a phone and pass axe', async ({ page }) => {
  await signIn(page, accounts.city);
  for (const path of ['/drane', '/drane/equipement/import']) await expectFitsAndAccessible(page, path);
});
