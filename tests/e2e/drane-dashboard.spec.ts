// Drane staff on a phone, without JavaScript: sign in, filter the schools of one
// arrondissement, open a school and see its readiness. The equipment comes in through the
// CLI import, as the city would load it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'la carte des écoles du lundi';
const email = `sophie.${Date.now()}@ac-aix-marseille.fr`;
const DAY = 24 * 60 * 60 * 1000;

function cli(...args: string[]) {
  execFileSync('node_modules/.bin/node', ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
    stdio: 'pipe',
  });
}

// One teacher of the Panier school was present at a display training last month.
async function trainOneTeacher() {
  const db = createClient({ url: e2eDatabaseUrl });
  try {
    const startsAt = Date.now() - 30 * DAY;
    const [teacher, session] = await db.batch(
      [
        {
          sql: `insert into users (email, name, role, school_uai, email_verified_at) values (?, 'Léa Martin', 'teacher', '0130002B', 1)
              returning id`,
          args: [`lea.${Date.now()}@ac-aix-marseille.fr`],
        },
        {
          sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, school_uai, capacity)
              values (2, 2, 'Prendre en main l''écran interactif', 'teacher', ?, ?, 'École maternelle du Panier', '0130002B', 12)
              returning id`,
          args: [startsAt, startsAt + 3 * 3600_000],
        },
      ],
      'write',
    );
    const reg = await db.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
          values (?, 'confirmed', 'Léa', 'Martin', 'lea@ac-aix-marseille.fr', ?, ?) returning id`,
      args: [Number(session!.rows[0]!.id), Number(teacher!.rows[0]!.id), `E2E${Date.now() % 1000}`],
    });
    await db.execute({ sql: 'insert into attendance (registration_id, present) values (?, 1)', args: [Number(reg.rows[0]!.id)] });
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  cli('user:create', '--role', 'drane', '--email', email, '--name', 'Sophie Drane', '--password', PASSWORD, '--org', 'drane');
  cli('rollouts:import', 'tests/fixtures/rollouts-simple.csv', '--apply');
  await trainOneTeacher();
});

async function signIn(page: Page) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Drane staff filter an arrondissement and open a school', async ({ page }) => {
    await page.goto('/drane');
    await expect(page).toHaveURL(/\/login\?next=%2Fdrane$/);
    await signIn(page);

    await expect(page.getByRole('heading', { level: 1, name: 'Préparation des écoles' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Préparation des écoles par arrondissement' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Arrondissement' }).selectOption({ label: '2e' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/arrondissement=2/);
    const table = page.getByRole('region', { name: /Tableau des écoles/ });
    await expect(page.getByText('1 école', { exact: true })).toBeVisible();
    await expect(table.getByRole('link', { name: 'École élémentaire Belsunce' })).toHaveCount(0);
    // Only the table scrolls sideways, never the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await table.getByRole('link', { name: 'École maternelle du Panier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'École maternelle du Panier' })).toBeVisible();
    await expect(page.getByText('À risque', { exact: true })).toBeVisible();
    // 1 of 6 teachers trained for the displays due in December.
    await expect(page.getByRole('heading', { level: 3, name: /Écrans interactifs : 17\s%\sformés/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Proposer une session ici' })).toHaveAttribute(
      'href',
      '/formateur/sessions/nouvelle?ecole=0130002B',
    );
  });
});

test('the dashboard, a filtered table and a school page pass axe (WCAG 2.2 AA)', async ({ page }) => {
  await page.goto('/login?next=/drane');
  await signIn(page);
  for (const path of [
    '/drane',
    '/drane?arrondissement=2&statut=at-risk&tri=eleves&ordre=desc',
    '/drane/ecoles/0130002B',
    '/drane/rapports',
  ]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
  // The server's scheduler archived last week's report when it started.
  await page
    .getByRole('link', { name: /^Semaine \d{4}-W\d{2}$/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /^Rapport de la semaine/ })).toBeVisible();
  await expectAccessible(page, 'weekly report');
});
