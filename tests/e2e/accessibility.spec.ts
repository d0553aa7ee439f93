// WCAG 2.2 AA with axe on every parent page and state, on a phone and on a desktop screen.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

async function firstSessionId(page: Page, title: RegExp) {
  const res = await page.request.get('/api/v1/sessions?audience=parent');
  const { sessions } = (await res.json()) as { sessions: { id: number; title: string }[] };
  return sessions.find((s) => title.test(s.title))!.id;
}

for (const [name, viewport] of [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test.describe(`${name} width`, () => {
    test.use({ viewport });

    test('catalog, filters and empty state', async ({ page }) => {
      for (const path of ['/', '/?ecole=ecole', '/?arrondissement=16', '/ar/', '/en/']) {
        await page.goto(path);
        await expectNoViolations(page, path);
      }
    });

    test('session page, form errors, confirmation, manage, cancelled', async ({ page }) => {
      const id = await firstSessionId(page, /Premiers pas/);
      await page.goto(`/sessions/${id}`);
      await expectNoViolations(page, 'session page');
      await page.getByRole('button', { name: /Réserver ma place/ }).click();
      await expectNoViolations(page, 'form with errors');
      await page.getByLabel('Prénom').fill('Sofia');
      await page.getByLabel('Nom', { exact: true }).fill(`Axe${name}`);
      await page.getByLabel('Téléphone').fill(name === 'phone' ? '06 55 00 00 01' : '06 55 00 00 02');
      await page.getByLabel(/J'accepte/).check();
      await page.getByRole('button', { name: /Réserver ma place/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("C'est réservé !");
      await expectNoViolations(page, 'confirmation');
      const manage = page.url().replace(/\?.*$/, '');
      await page.goto(`${manage.replace('/r/', '/ar/r/')}/annuler`);
      await expectNoViolations(page, '"je ne pourrai pas venir" in Arabic');
      await page.goto(manage.replace('/r/', '/ar/r/'));
      await expectNoViolations(page, 'manage page in Arabic');
      await page.getByRole('link', { name: 'إلغاء حجزي…' }).click();
      await expectNoViolations(page, 'cancellation step in Arabic');
      await page.getByRole('button', { name: 'نعم، ألغي' }).click();
      await expectNoViolations(page, 'cancelled');
    });

    test('waitlisted state and unknown links', async ({ page }) => {
      const id = await firstSessionId(page, /Écrans et sécurité/);
      const prefix = name === 'phone' ? '06 55 01' : '06 55 02';
      for (const [first, phone] of [
        ['Nora', `${prefix} 01 01`],
        ['Ilyes', `${prefix} 01 02`],
      ]) {
        await page.goto(`/sessions/${id}`);
        await page.getByLabel('Prénom').fill(first!);
        await page.getByLabel('Nom', { exact: true }).fill(`Wait${name}`);
        await page.getByLabel('Téléphone').fill(phone!);
        await page.getByLabel(/J'accepte/).check();
        await page.getByRole('button', { name: /Réserver ma place|liste d'attente/ }).click();
      }
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("Vous êtes sur la liste d'attente");
      await expectNoViolations(page, 'waitlisted');
      await page.goto('/r/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
      await expectNoViolations(page, 'unknown manage link');
      await page.goto('/sessions/99999');
      await expectNoViolations(page, 'unknown session');
    });
  });
}
