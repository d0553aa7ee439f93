// A teacher on a phone, without JavaScript, books a course of three dates once: the session
// page lists every date, one tap books them all, and the booking page shows them again.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'le cahier de textes en ligne';
const stamp = Date.now();
const teacher = `ines.${stamp}@ac-aix-marseille.fr`;
const drane = `parcours.${stamp}@ac-aix-marseille.fr`;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

function cli(...args: string[]) {
  execFileSync('node_modules/.bin/node', ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
    stdio: 'pipe',
  });
}

let courseId: number;

// Drane staff plan a course of three Wednesday afternoons through the API.
test.beforeAll(async ({ playwright, baseURL }) => {
  cli('user:create', '--role', 'drane', '--email', drane, '--name', 'Drane Parcours', '--password', PASSWORD, '--org', 'drane');
  cli('user:create', '--role', 'teacher', '--email', teacher, '--name', 'Inès Martin', '--password', PASSWORD, '--school', '0130002B');
  const api = await playwright.request.newContext({ baseURL });
  expect((await api.post('/api/v1/auth/login', { data: { email: drane, password: PASSWORD } })).status()).toBe(200);
  const first = Math.ceil((Date.now() + 9 * DAY) / HOUR) * HOUR;
  const dates = [0, 7, 14].map((d) => ({
    startsAt: new Date(first + d * DAY).toISOString(),
    endsAt: new Date(first + d * DAY + 2 * HOUR).toISOString(),
  }));
  const created = await api.post('/api/v1/sessions', {
    data: { title: 'Parcours tableau numérique en trois temps', audience: 'teacher', venueName: 'Canopé Marseille', capacity: 20, dates },
  });
  expect(created.status()).toBe(201);
  const { session } = await created.json();
  expect(session.dates).toHaveLength(3);
  expect(Date.parse(session.startsAt)).toBe(Date.parse(dates[0]!.startsAt));
  expect(Date.parse(session.endsAt)).toBe(Date.parse(dates[2]!.endsAt));
  courseId = session.id;
  await api.dispose();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a teacher books a course of three dates in one tap', async ({ page }) => {
    await page.goto(`/login?next=/sessions/${courseId}`);
    await page.getByLabel('Adresse e-mail').fill(teacher);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Parcours tableau numérique en trois temps' })).toBeVisible();
    await expect(page.getByText('Cycle de 3 dates, une seule inscription')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Les dates du cycle' }).getByRole('listitem')).toHaveCount(3);
    await page.getByRole('button', { name: 'Réserver ma place' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Les dates du cycle' }).getByRole('listitem')).toHaveCount(3);
    // The page fits the phone: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });
});
