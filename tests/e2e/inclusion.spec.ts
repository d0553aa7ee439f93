// Keyboard only, right to left, 200% zoom and a light page: the parent journey for everyone.
import { expect, test, type Page } from '@playwright/test';

async function sessionId(page: Page, title: RegExp) {
  const { sessions } = (await (await page.request.get('/api/v1/sessions?audience=parent')).json()) as {
    sessions: { id: number; title: string }[];
  };
  return sessions.find((s) => title.test(s.title))!.id;
}

async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
}

test('a parent books with the keyboard only', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  await page.goto(`/sessions/${id}`);
  // Tab from the top: the skip link comes first and takes focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await page.getByLabel('Prénom').focus();
  await page.keyboard.type('Clavier');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Seulement');
  await page.keyboard.press('Tab');
  await page.keyboard.type('06 44 00 00 01');
  // email, school, language, then the adults radio group and the consent box.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel('1 adulte')).toBeFocused();
  // The optional needs (childcare, interpreter, accessibility), then the consent box.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Garde d'enfants/)).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel(/J'accepte/)).toBeFocused();
  await page.keyboard.press('Space');
  // The privacy notice's link, then the button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ce que nous faisons de vos données' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Réserver ma place' })).toBeFocused();
  // Focus is visible: the outline is drawn.
  const outline = await page.getByRole('button', { name: 'Réserver ma place' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
});

test('Arabic pages run right to left and fit a phone', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  for (const path of ['/ar/', `/ar/sessions/${id}`]) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    expect(await noSidewaysScroll(page)).toBe(true);
  }
  // A French address keeps its own order inside Arabic text ("45 rue de Lyon", not "rue de Lyon 45").
  const address = page
    .locator('bdi')
    .filter({ hasText: /Marseille/ })
    .first();
  await expect(address).toBeVisible();
  expect(await address.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  // The form's first field sits on the right-hand side in Arabic.
  const box = await page.getByLabel('الاسم', { exact: true }).boundingBox();
  const label = await page.locator('label[for="firstName"]').boundingBox();
  expect(label!.x + label!.width).toBeGreaterThan(box!.x + box!.width - 4);
  await page.getByRole('button', { name: 'أحجز مكاني' }).click();
  await expect(page.locator('#firstName-error')).toHaveText('هذه الخانة ضرورية.');
});

test('at 200% zoom nothing scrolls sideways', async ({ browser }) => {
  // 200% zoom on a 360 px phone lays the page out in 180 CSS pixels.
  const context = await browser.newContext({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const id = await sessionId(page, /Premiers pas/);
  for (const path of ['/', `/sessions/${id}`, '/en/', '/ar/']) {
    await page.goto(path);
    expect(await noSidewaysScroll(page), path).toBe(true);
  }
  await context.close();
});

test('the session page weighs under 50 KB over the wire, compressed, with no script', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  let bytes = 0;
  const types = new Set<string>();
  page.on('response', async (res) => {
    const size = Number((await res.allHeaders())['content-length'] ?? (await res.body()).length);
    bytes += size;
    types.add(res.request().resourceType());
  });
  await page.goto(`/sessions/${id}`);
  await page.waitForLoadState('networkidle');
  expect(bytes).toBeLessThan(50 * 1024);
  expect(types.has('script')).toBe(false);
  const res = await page.request.get(`/sessions/${id}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
  expect(res.headers()['content-encoding']).toMatch(/gzip|br/);
});
