// The parent journey, second pass, on a 360 × 740 phone without JavaScript: errors are seen,
// the school is found by its name, the Arabic page marks what stays French, cancelling asks.
import { createClient } from '@libsql/client';
import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

test.use({ javaScriptEnabled: false });

async function sessionId(page: Page, title: RegExp) {
  const res = await page.request.get('/api/v1/sessions?audience=parent');
  const { sessions } = (await res.json()) as { sessions: { id: number; title: string }[] };
  return sessions.find((s) => title.test(s.title))!.id;
}

test('an empty submit lands on the error summary, and the title says "Erreur"', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  await page.goto(`/sessions/${id}`);
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page).toHaveTitle(/^Erreur : /);
  const summary = page.locator('#form-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary.getByRole('link', { name: 'Prénom : ce champ est obligatoire.' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Téléphone : donnez un numéro de téléphone ou une adresse e-mail.' })).toBeVisible();

  for (const [path, title] of [
    [`/ar/sessions/${id}`, /^خطأ: /],
    [`/en/sessions/${id}`, /^Error: /],
  ] as const) {
    await page.goto(path);
    await page.locator('form.stack button[type=submit]').last().click();
    await expect(page).toHaveTitle(title);
    await expect(page.locator('#form-errors')).toBeInViewport();
  }

  // The same for the staff and account forms.
  await page.goto('/login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveTitle(/^Erreur : /);
  await expect(page.locator('#form-errors')).toBeFocused();
  await expect(page.getByRole('link', { name: /^Adresse e-mail : ce champ est obligatoire\.$/ })).toBeVisible();
});

test('"st louis" offers the élémentaire Saint-Louis schools first, and the school follows into the form', async ({ page }) => {
  await page.goto('/?ecole=st+louis');
  const choices = page.getByRole('region', { name: /Plusieurs écoles correspondent/ }).getByRole('link');
  await expect(choices.nth(0)).toHaveText('École élémentaire Saint-Louis Parc');
  await expect(choices.nth(1)).toHaveText('École élémentaire Saint-Louis Village');

  await page.goto('/?ecole=ST-LOUIS+PARC');
  await expect(page.getByRole('heading', { name: /Près de l'école École élémentaire Saint-Louis Parc/ })).toBeVisible();

  // The school chosen in the catalog is not asked again in the form.
  await page.goto('/?ecole=ecole+belsunce');
  await page
    .getByRole('link', { name: /Voir et s'inscrire/ })
    .first()
    .click();
  await expect(page.getByText('École de votre enfant : École élémentaire Belsunce')).toBeVisible();
  await expect(page.locator('input[type=hidden][name=schoolUai]')).toHaveValue('0130001A');
  await expect(page.getByRole('combobox', { name: /École de votre enfant/ })).toHaveCount(0);

  // "école" alone names every school: the parent picks one (past 12, "be more precise": tests/integration/school-search.test.ts).
  await page.goto('/?ecole=%C3%A9cole');
  await expect(page.getByRole('region', { name: /Plusieurs écoles correspondent/ }).getByRole('link')).toHaveCount(9);
});

test('on /ar/ every heading still in French is marked lang="fr"', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  for (const path of ['/ar/', '/ar/?ecole=belsunce', `/ar/sessions/${id}`]) {
    await page.goto(path);
    const unmarked = await page.locator('h1, h2, h3').evaluateAll((headings) =>
      headings.flatMap((h) => {
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        const out: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent ?? '';
          if (/[A-Za-zÀ-ÿ]{3,}/.test(text) && n.parentElement?.closest('[lang]')?.getAttribute('lang') !== 'fr') out.push(text.trim());
        }
        return out;
      }),
    );
    expect(unmarked, path).toEqual([]);
  }
  await page.goto(`/ar/sessions/${id}`);
  await expect(page.locator('h1 bdi[lang=fr][dir=ltr]')).toHaveText(/Premiers pas/);
});

test('cancelling asks for confirmation first; nothing is erased on the first tap', async ({ page }) => {
  const id = await sessionId(page, /Premiers pas/);
  await page.goto(`/sessions/${id}`);
  await page.getByLabel('Prénom').fill('Samira');
  await page.getByLabel('Nom', { exact: true }).fill('Confirme');
  await page.getByLabel('Téléphone').fill('06 70 00 00 01');
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();

  await page.getByRole('link', { name: 'Annuler ma réservation…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuler votre réservation ?' })).toBeVisible();
  await expect(page.getByText('Vous ne pourrez pas revenir en arrière')).toBeVisible();
  await page.getByRole('link', { name: 'Non, je garde ma place' }).click();
  await expect(page.getByText('Samira Confirme')).toBeVisible();
  await expect(page.getByText('Place confirmée')).toBeVisible();
});

test('two adults for the last seat are asked before anything is booked', async ({ page }) => {
  // A session of one seat of its own, gone afterwards, so the other specs keep their city.
  const db = createClient({ url: e2eDatabaseUrl });
  const startsAt = Date.now() + 20 * 86_400_000;
  const rs = await db.execute({
    sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, venue_address, school_uai, capacity)
          values (1, 1, 'Une place pour deux', 'parent', ?, ?, 'École élémentaire Belsunce', '12 rue Belsunce', '0130001A', 1) returning id`,
    args: [startsAt, startsAt + 7_200_000],
  });
  const id = Number(rs.rows[0]!.id);
  try {
    await twoAdults(page, id);
  } finally {
    await db.batch([
      { sql: 'delete from outbox where registration_id in (select id from registrations where session_id = ?)', args: [id] },
      { sql: 'delete from registrations where session_id = ?', args: [id] },
      { sql: 'delete from sessions where id = ?', args: [id] },
    ]);
    db.close();
  }
});

async function twoAdults(page: Page, id: number) {
  await page.goto(`/sessions/${id}`);
  await expect(page.getByText("Il reste 1 place : à 2 adultes, vous serez sur la liste d'attente.")).toBeVisible();
  await page.getByLabel('Prénom').fill('Karim');
  await page.getByLabel('Nom', { exact: true }).fill('Deux');
  await page.getByLabel('Téléphone').fill('06 70 00 00 02');
  await page.getByLabel('2 adultes').check();
  await page.getByLabel("Garde d'enfants : âge des enfants").fill('3 ans');
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByText("Il ne reste qu'une place et vous êtes 2.")).toBeInViewport();
  await page.getByRole('button', { name: 'Réserver pour 1 adulte maintenant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
  await expect(page.getByText('Karim Deux · Adultes : 1')).toBeVisible();
}
