// A teacher on a phone, without JavaScript, sees their hours of the school year and downloads
// the attestation of a training they attended; its verification page opens for anyone.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
const PASSWORD = 'le tableau blanc du lundi';
const email = `ines.${Date.now()}@ac-aix-marseille.fr`;
const TITLE = 'Prendre en main le vidéoprojecteur';
const draneEmail = `noemie.${Date.now()}@ac-aix-marseille.fr`;
let verifyPath = '';
let againSessionId = 0;
let thirdSessionId = 0;
let teacherId = 0;
const SHOTS = process.env.E2E_SCREENSHOTS;

function cli(...args: string[]) {
  execFileSync('node_modules/.bin/node', ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
    stdio: 'pipe',
  });
}

async function signIn(page: Page, who: string, next: string) {
  await page.goto(`/login?next=${next}`);
  await page.getByLabel('Adresse e-mail').fill(who);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function expectFitsAndAccessible(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.beforeAll(async () => {
  cli('user:create', '--role', 'teacher', '--email', email, '--name', 'Inès Moreau', '--password', PASSWORD, '--school', '0130001A');
  cli('user:create', '--role', 'drane', '--email', draneEmail, '--name', 'Noémie Drane', '--password', PASSWORD, '--org', 'drane');
  // She attended a 3-hour projector training ten days ago (marked present by the trainer).
  const db = createClient({ url: e2eDatabaseUrl });
  const startsAt = Date.now() - 10 * 24 * 3600_000;
  const [track] = (
    await db.execute({
      sql: `insert into tracks (slug, audience, organisation_id, title, equipment_kinds, hours, gaia_module)
            values (?, 'teacher', (select id from organisations where audience = 'teacher' limit 1), ?, '["projector"]', 3, '26A0130045') returning id`,
      args: [`videoprojecteur-${Date.now()}`, TITLE],
    })
  ).rows;
  const [session] = (
    await db.execute({
      sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, capacity)
            values (?, (select organisation_id from tracks where id = ?), ?, 'teacher', ?, ?, 'Atelier Canopé', 12) returning id`,
      args: [Number(track!.id), Number(track!.id), TITLE, startsAt, startsAt + 3 * 3600_000],
    })
  ).rows;
  const [reg] = (
    await db.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, email, user_id, code)
            values (?, 'confirmed', 'Inès', 'Moreau', ?, (select id from users where email = ?), ?) returning id`,
      args: [Number(session!.id), email, email, `E2E${Date.now() % 1_000_000}`],
    })
  ).rows;
  await db.execute({ sql: 'insert into attendance (registration_id, present) values (?, 1)', args: [Number(reg!.id)] });
  // The same training again in three weeks, and another one waiting for her IEN's answer.
  const later = Date.now() + 21 * 24 * 3600_000;
  const [again] = (
    await db.execute({
      sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, venue_address, capacity)
            values (?, (select organisation_id from tracks where id = ?), ?, 'teacher', ?, ?, 'Atelier Canopé', '31 boulevard d''Athènes, Marseille', 12) returning id`,
      args: [Number(track!.id), Number(track!.id), TITLE, later, later + 3 * 3600_000],
    })
  ).rows;
  againSessionId = Number(again!.id);
  const [third] = (
    await db.execute({
      sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, capacity)
            values (?, (select organisation_id from tracks where id = ?), ?, 'teacher', ?, ?, 'Atelier Canopé', 12) returning id`,
      args: [Number(track!.id), Number(track!.id), TITLE, later + 7 * 24 * 3600_000, later + 7 * 24 * 3600_000 + 3 * 3600_000],
    })
  ).rows;
  thirdSessionId = Number(third!.id);
  const [pending] = (
    await db.execute({
      sql: `insert into sessions (organisation_id, title, audience, starts_at, ends_at, venue_name, capacity)
            values ((select id from organisations where audience = 'teacher' limit 1), 'Les tablettes en classe', 'teacher', ?, ?, 'École Belsunce', 12) returning id`,
      args: [later + 24 * 3600_000, later + 27 * 3600_000],
    })
  ).rows;
  teacherId = Number((await db.execute({ sql: 'select id from users where email = ?', args: [email] })).rows[0]!.id);
  await db.execute({
    sql: `insert into approval_requests (session_id, user_id, approver_email, token_hash) values (?, ?, 'ien.marseille1@ac-aix-marseille.fr', ?)`,
    args: [Number(pending!.id), teacherId, `e2e-${Date.now()}`],
  });
  db.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, acceptDownloads: true });

  test('a teacher downloads the attestation of a training on her phone', async ({ page, context }) => {
    await signIn(page, email, '/enseignant');

    const hours = page.getByRole('region', { name: /^Mes heures de formation \d{4}-\d{4}$/ });
    await expect(hours.getByText("3 h suivies sur 18 h d'obligation annuelle.")).toBeVisible();
    await expect(hours.getByText(/module GAIA 26A0130045/)).toBeVisible();

    const downloading = page.waitForEvent('download');
    await hours.getByRole('link', { name: `Télécharger l'attestation : ${TITLE}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^attestation-\d+-ines-moreau\.pdf$/);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    const pdf = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS }).promise;
    const pdfPage = await pdf.getPage(1);
    const text = (await pdfPage.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n');
    expect(text).toContain('Inès Moreau');
    expect(text).toContain(TITLE);
    const verify = (await pdfPage.getAnnotations()).map((a: { url?: string }) => a.url).find((u) => u?.includes('/attestation/'))!;

    // Anyone with the QR code (here, a fresh browser with no session) reads the verification page.
    const stranger = await context.browser()!.newPage({ javaScriptEnabled: false });
    verifyPath = new URL(verify).pathname;
    await stranger.goto(verifyPath);
    await expect(stranger.getByRole('heading', { level: 1, name: "Vérification d'une attestation" })).toBeVisible();
    await expect(stranger.getByText('Cette attestation est valable.')).toBeVisible();
    await expect(stranger.getByText('Inès Moreau')).toBeVisible();
    await stranger.close();
  });

  test('booking the same training again from its session page asks first, naming the earlier date', async ({ page }) => {
    // Several pages and axe runs on a machine shared by many processes.
    test.setTimeout(120_000);
    await signIn(page, email, '/enseignant');
    const pending = page.getByRole('region', { name: 'À valider par votre IEN' });
    await expect(pending.getByRole('link', { name: 'Les tablettes en classe' })).toBeVisible();
    await expect(pending.getByText('Demande envoyée à ien.marseille1@ac-aix-marseille.fr.')).toBeVisible();
    await expect(pending.getByRole('button', { name: 'Retirer ma demande' })).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/teacher-home-pending.png`, fullPage: true });

    await page.goto(`/sessions/${againSessionId}`);
    await page.getByRole('button', { name: 'Réserver ma place' }).click();
    const ask = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: "Vous l'avez déjà suivie" }) });
    await expect(ask).toBeVisible();
    await expect(ask.getByText(new RegExp(`Vous avez déjà suivi « ${TITLE} » le \\S+ \\d+ \\S+ \\d{4}`))).toBeVisible();
    await expect(ask.getByRole('link', { name: 'Annuler' })).toHaveAttribute('href', `/sessions/${againSessionId}`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/session-deja-suivie.png`, fullPage: true });
    await ask.getByRole('button', { name: "M'inscrire quand même" }).click();
    await expect(page).toHaveURL(/\/r\/[^/?]+\?nouveau=1$/);
    await expect(page.getByText('Inès Moreau')).toBeVisible();

    await page.goto('/enseignant');
    await pending.getByRole('button', { name: 'Retirer ma demande' }).click();
    await expect(page.getByText('Votre demande est retirée : votre IEN ne peut plus y répondre.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'À valider par votre IEN' })).toHaveCount(0);
  });

  test('Drane staff revoke the attestation with a reason; the verification page and the teacher see it', async ({ page, context }) => {
    // Several pages and axe runs on a machine shared by many processes.
    test.setTimeout(120_000);
    await signIn(page, draneEmail, `/drane/enseignants/${teacherId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Formation de Inès Moreau' })).toBeVisible();
    await page.getByRole('button', { name: 'Révoquer cette attestation' }).first().click();
    await expect(page.getByText('Indiquez le motif de la révocation (3 à 500 caractères).').first()).toBeVisible();
    await page.getByLabel('Motif de la révocation').first().fill('Présence saisie par erreur');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/staff-revoke-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Révoquer cette attestation' }).first().click();
    await expect(page.getByText("L'attestation est révoquée : sa page de vérification le dit.")).toBeVisible();
    await expect(page.getByText('Motif : Présence saisie par erreur').first()).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/staff-revoked.png`, fullPage: true });

    const stranger = await context.browser()!.newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    await stranger.goto(verifyPath);
    await expect(stranger.getByText(/^Cette attestation a été révoquée le .+ : elle n'est plus valable\.$/)).toBeVisible();
    await expect(stranger.getByText('Cette attestation est valable.')).toHaveCount(0);
    if (SHOTS) await stranger.screenshot({ path: `${SHOTS}/verify-revoked.png`, fullPage: true });
    await stranger.close();
  });

  test('the teacher sees her attestation revoked, and why', async ({ page }) => {
    // Several pages and axe runs on a machine shared by many processes.
    test.setTimeout(120_000);
    await signIn(page, email, '/enseignant');
    const revoked = page.getByRole('region', { name: 'Attestations révoquées' });
    await expect(revoked.getByText(new RegExp(`${TITLE} : révoquée le`))).toBeVisible();
    await expect(revoked.getByText(/Motif : Présence saisie par erreur/)).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/teacher-home-revoked.png`, fullPage: true });
  });
});

test('the verification page and the Drane track screens fit a phone and pass axe (WCAG 2.2 AA)', async ({ page }) => {
  await page.goto(verifyPath || '/attestation/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  await expectFitsAndAccessible(page);
  await signIn(page, draneEmail, '/parcours');
  await expect(page.getByRole('heading', { level: 1, name: 'Parcours de formation' })).toBeVisible();
  await expectFitsAndAccessible(page);
  await page.getByRole('button', { name: 'Créer le parcours' }).click();
  await expect(
    page
      .getByRole('alert')
      .getByText(/donnez un titre/i)
      .first(),
  ).toBeVisible();
  await expectFitsAndAccessible(page);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expectFitsAndAccessible(page);
});

test('the "déjà suivie" question, the teacher home and the staff teacher page fit a phone and pass axe (WCAG 2.2 AA)', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, email, '/enseignant');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes formations' })).toBeVisible();
  await expectFitsAndAccessible(page);
  await page.goto(`/sessions/${thirdSessionId}`);
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByRole('heading', { name: "Vous l'avez déjà suivie" })).toBeVisible();
  await expectFitsAndAccessible(page);
  const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: new URL(page.url()).origin });
  const staff = await staffContext.newPage();
  await signIn(staff, draneEmail, `/drane/enseignants/${teacherId}`);
  await expect(staff.getByRole('heading', { level: 1, name: 'Formation de Inès Moreau' })).toBeVisible();
  await expectFitsAndAccessible(staff);
  await staffContext.close();
});
