// Issue 14, finding 8: the privacy notice is one tap away from every page, in French, Arabic
// and English, and reads well on a phone without JavaScript (WCAG 2.2 AA with axe).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe violations on ${state}`,
  ).toEqual([]);
}

async function aSessionId(page: Page) {
  const res = await page.request.get('/api/v1/sessions?audience=parent');
  return ((await res.json()) as { sessions: { id: number }[] }).sessions[0]!.id;
}

const LANGS = [
  { prefix: '', link: 'Confidentialité', heading: 'Confidentialité : vos données personnelles' },
  { prefix: '/ar', link: 'السرية', heading: 'السرية: بياناتك الشخصية' },
  { prefix: '/en', link: 'Privacy', heading: 'Privacy: your personal data' },
];

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const { prefix, link, heading } of LANGS) {
    test(`every page links to the notice in ${prefix || '/fr'}`, async ({ page }) => {
      const id = await aSessionId(page);
      // The pages of this language, and the staff sign-in and teacher sign-up (French only).
      const pages: [string, string][] = [
        [`${prefix}/`, link],
        [`${prefix}/sessions/${id}`, link],
        [`${prefix}/confidentialite`, link],
        ['/login', 'Confidentialité'],
        ['/inscription', 'Confidentialité'],
      ];
      for (const [path, name] of pages) {
        await page.goto(path);
        await expect(page.locator('footer.site').getByRole('link', { name }), path).toHaveAttribute(
          'href',
          `${path.startsWith(prefix + '/') && prefix ? prefix : ''}/confidentialite`,
        );
      }
      await page.goto(`${prefix}/`);
      await page.locator('footer.site').getByRole('link', { name: link }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/confidentialite$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('link', { name: 'www.cnil.fr/fr/plaintes' })).toBeVisible();
    });
  }

  test('the booking form points to the notice beside its fields', async ({ page }) => {
    await page.goto(`/sessions/${await aSessionId(page)}`);
    await page.getByRole('link', { name: 'Ce que nous faisons de vos données' }).click();
    await expect(page).toHaveURL(/\/confidentialite$/);
  });
});

// axe runs in the page, so this part needs JavaScript (the notice itself has none).
test('the notice passes axe in the three languages', async ({ page }) => {
  for (const { prefix } of LANGS) {
    await page.goto(`${prefix}/confidentialite`);
    await expectNoViolations(page, `${prefix}/confidentialite`);
  }
});
