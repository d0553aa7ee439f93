// "Prévenez-moi" and the flyer on a 360 × 740 phone without JavaScript: a parent asks from the
// catalog to be told of a workshop near the child's school, a trainer publishes one there, and
// the message waits in the outbox with the session's link; the workshop's flyer carries a QR
// code that decodes to its short link and prints on one A5 page.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@libsql/client';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'le cahier rouge du lundi';
const trainer = `leila.${Date.now()}@ligue13.test`;
const parentEmail = `parent.${Date.now()}@example.fr`;
const CASTELLANE = '0130003C';

test.use({ javaScriptEnabled: false });

test.beforeAll(() => {
  execFileSync(
    'node_modules/.bin/node',
    ['--import', 'tsx', 'scripts/cli.ts', 'user:create', '--role', 'trainer', '--email', trainer, '--name', 'Leïla Formatrice'].concat([
      '--password',
      PASSWORD,
      '--org',
      'ligue',
    ]),
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' }, stdio: 'pipe' },
  );
});

test('a parent asks from the catalog and is told when a trainer publishes a workshop at that school', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await page.getByText("Chercher près de l'école de mon enfant").click();
  await page.getByLabel('École de votre enfant').fill('Castellane');
  await page.getByRole('button', { name: 'Voir les ateliers' }).click();
  await page.getByRole('link', { name: /Prévenez-moi des prochains ateliers près de l'école École primaire Castellane/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Être prévenu d'un atelier près de l'école" })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /École primaire Castellane/ })).toBeVisible();

  // Forgetting the consent box lands on the error summary, which says so.
  await page.getByLabel('Adresse e-mail').fill(parentEmail);
  await page.getByRole('button', { name: 'Me prévenir' }).click();
  await expect(page).toHaveTitle(/^Erreur/);
  await expect(page.locator('#form-errors')).toBeInViewport();
  await page.getByLabel('Langue de l').selectOption('ar');
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: 'Me prévenir' }).click();
  await expect(
    page.getByText(/C'est noté. Nous vous prévenons dès qu'un atelier est prévu près de l'école École primaire Castellane/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirer cette demande' })).toBeVisible();

  // A trainer publishes a workshop in Arabic at Castellane.
  const staff = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  const desk = await staff.newPage();
  await desk.goto('/login?next=/formateur/sessions/nouvelle');
  await desk.getByLabel('Adresse e-mail').fill(trainer);
  await desk.getByLabel('Mot de passe').fill(PASSWORD);
  await desk.getByRole('button', { name: 'Se connecter' }).click();
  // The demand is there when planning.
  await expect(desk.getByRole('region', { name: 'Parents qui attendent un atelier' })).toContainText('École primaire Castellane', {
    timeout: 15_000,
  });
  await desk.getByLabel('Parcours').selectOption({ label: 'Aucun : titre libre' });
  await desk.getByLabel('Titre', { exact: true }).fill('Le cahier de textes en ligne');
  const day = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await desk.getByLabel('Date', { exact: true }).fill(day);
  await desk.getByLabel('Heure de début').fill('17:30');
  await desk.getByLabel('École', { exact: true }).fill(CASTELLANE);
  await desk.getByLabel('Nombre de places').fill('10');
  await desk.getByLabel('arabe', { exact: true }).check();
  await desk.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(desk.getByText("L'atelier est créé.")).toBeVisible();
  const sessionId = Number(new URL(desk.url()).pathname.split('/').pop());

  // The message waits in the outbox (no SMTP here), about that session, written in French
  // (the language of the pages the parent used) for a workshop in Arabic.
  const db = createClient({ url: e2eDatabaseUrl });
  const { rows } = await db.execute({
    sql: `select language, payload from outbox where kind = 'interest-match' and recipient = ?`,
    args: [parentEmail],
  });
  db.close();
  expect(rows).toHaveLength(1);
  expect(rows[0]!.language).toBe('fr');
  const payload = JSON.parse(String(rows[0]!.payload)) as { language: string; session: { id: number; title: string } };
  expect(payload.language).toBe('ar');
  expect(payload.session).toMatchObject({ id: sessionId, title: 'Le cahier de textes en ligne' });
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Le cahier de textes en ligne' })).toBeVisible();

  // Gone again, so the other specs find the fixture's catalog and trainer home as they were.
  const cleanup = createClient({ url: e2eDatabaseUrl });
  await cleanup.batch([{ sql: 'delete from sessions where id = ?', args: [sessionId] }], 'write');
  cleanup.close();
  await staff.close();
});

test('the flyer carries a QR code of the short link and prints on one A5 page', async ({ page, baseURL }) => {
  const { sessions } = (await (await page.request.get('/api/v1/sessions?audience=parent')).json()) as {
    sessions: { id: number; title: string }[];
  };
  const id = sessions.find((s) => /Premiers pas/.test(s.title))!.id;
  await page.goto(`/sessions/${id}`);
  await page.getByRole('link', { name: 'Affiche à imprimer et partage WhatsApp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Premiers pas/ })).toBeVisible();
  await expect(page.getByText('ورشة مجانية للأولياء')).toBeVisible();
  const share = await page.getByRole('link', { name: 'Partager sur WhatsApp' }).getAttribute('href');
  expect(decodeURIComponent(share!.replace('https://wa.me/?text=', ''))).toContain(`${baseURL}/s/${id}`);

  // The code, read back from the pixels as a phone camera would.
  const png = PNG.sync.read(await page.locator('.qr svg').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${baseURL}/s/${id}`);
  await page.goto(decoded!.data);
  expect(new URL(page.url()).pathname).toBe(`/sessions/${id}`);

  // One A5 sheet (148 × 210 mm = 419.5 × 595.3 pt).
  await page.goto(`/sessions/${id}/affiche`);
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!;
  expect(Math.round(Number(box[1]))).toBe(420);
  expect(Math.round(Number(box[2]))).toBe(595);
});

test.describe('accessibility (axe runs as a script)', () => {
  test.use({ javaScriptEnabled: true });

  async function expectNoViolations(page: Page, state: string) {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      state,
    ).toEqual([]);
  }

  test('the prévenez-moi pages and the flyer have no WCAG 2.2 AA violation and stay light', async ({ page }) => {
    const res = await page.request.post('/api/v1/interest', {
      data: { schoolUai: CASTELLANE, email: `axe.${Date.now()}@example.fr`, language: 'fr', messageLanguage: 'ar', consent: true },
    });
    expect(res.status()).toBe(201);
    const { interest } = (await res.json()) as { interest: { withdrawUrl: string } };
    const { sessions } = (await (await page.request.get('/api/v1/sessions?audience=parent')).json()) as { sessions: { id: number }[] };
    const id = sessions[0]!.id;
    for (const path of [
      '/prevenez-moi',
      '/prevenez-moi?ecole=ecole',
      `/prevenez-moi?uai=${CASTELLANE}`,
      `/ar/prevenez-moi?uai=${CASTELLANE}`,
      new URL(interest.withdrawUrl).pathname,
      `${new URL(interest.withdrawUrl).pathname}?nouveau=1`,
      `/sessions/${id}/affiche`,
      `/ar/sessions/${id}/affiche`,
    ]) {
      const response = await page.goto(path);
      expect((await response!.body()).length, `${path} weight`).toBeLessThan(50_000);
      await expectNoViolations(page, path);
    }
    await page.goto(`/prevenez-moi?uai=${CASTELLANE}`);
    await page.getByRole('button', { name: 'Me prévenir' }).click();
    await expectNoViolations(page, 'form errors');
  });
});
