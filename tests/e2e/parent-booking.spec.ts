// A parent on a cheap phone, without JavaScript: find a session, book, keep the code, cancel.
import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false });

test('a parent books a session and cancels it, without JavaScript, at 360 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Ateliers pour les parents' })).toBeVisible();

  // Narrow down by the child's school, typed as a parent would.
  await page.getByText("Chercher près de l'école de mon enfant").click();
  await page.getByLabel('École de votre enfant').fill('belsunce');
  await page.getByRole('button', { name: 'Voir les ateliers' }).click();
  await expect(page.getByRole('heading', { name: /Près de l'école École élémentaire Belsunce/ })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'Suivre la scolarité' }).first();
  await expect(card).toContainText('12 places libres');
  await expect(card).toContainText(/français et arabe/);
  await card.getByRole('link', { name: /Voir et s'inscrire/ }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Suivre la scolarité');
  await expect(page.getByText(/\d+\sh(\s\d+)? – \d+\sh/)).toBeVisible();

  // An empty form is refused with a message beside each field.
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Il y a un problème dans le formulaire');
  await expect(page.locator('#firstName-error')).toHaveText('Ce champ est obligatoire.');
  await expect(page.locator('#phone-error')).toHaveText('Donnez un numéro de téléphone ou une adresse e-mail.');
  await expect(page.locator('#consent-error')).toHaveText('Cochez cette case pour vous inscrire.');

  // What was typed is kept after an error.
  await page.getByLabel('Prénom').fill('Amina');
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByLabel('Prénom')).toHaveValue('Amina');

  await page.getByLabel('Nom', { exact: true }).fill('Benali');
  await page.getByLabel('Téléphone').fill('06 12 34 56 78');
  await page.getByLabel('2 adultes').check();
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: 'Réserver ma place' }).click();

  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
  const code = (await page.locator('.code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
  await expect(page.getByRole('link', { name: /Télécharger/ })).toHaveAttribute('href', /\/invite\.ics$/);
  await expect(page.getByRole('link', { name: 'Agenda Google' })).toHaveAttribute('href', /calendar\.google\.com/);
  const manageUrl = page.url().split('?')[0]!;

  // The manage link works on its own, later.
  await page.goto('/');
  await page.goto(manageUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Ma réservation' })).toBeVisible();
  await expect(page.locator('.code')).toHaveText(code);
  await expect(page.getByText('Place confirmée')).toBeVisible();
  await expect(page.getByText('Amina Benali · Adultes : 2')).toBeVisible();

  // Cancelling asks first: nothing is erased until the parent confirms (WCAG 3.3.4).
  await page.getByRole('link', { name: 'Annuler ma réservation…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuler votre réservation ?' })).toBeVisible();
  await page.getByRole('link', { name: 'Non, je garde ma place' }).click();
  await expect(page.getByText('Place confirmée')).toBeVisible();
  await page.getByRole('link', { name: 'Annuler ma réservation…' }).click();
  await page.getByRole('button', { name: "Oui, j'annule" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réservation annulée' })).toBeVisible();
  await expect(page.getByText('vos coordonnées sont effacées')).toBeVisible();
  await expect(page.getByText('Amina')).toHaveCount(0);
});

test('a full session offers the waitlist and gives a position', async ({ page }) => {
  await page.goto('/?arrondissement=6');
  await page.getByRole('link', { name: /Voir et s'inscrire : Tablettes/ }).click();
  const fill = async (first: string, phone: string) => {
    await page.getByLabel('Prénom').fill(first);
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Téléphone').fill(phone);
    await page.getByLabel(/J'accepte que la Ligue/).check();
  };
  await fill('Lina', '06 00 00 00 01');
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();

  await page.goBack();
  await page.reload();
  await expect(page.getByText("Complet : liste d'attente")).toBeVisible();
  await fill('Yanis', '06 00 00 00 02');
  await page.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Vous êtes sur la liste d'attente" })).toBeVisible();
  await expect(page.getByText("Vous êtes numéro 1 sur la liste d'attente.")).toBeVisible();

  // Leaving the waitlist is said as such, not as a freed seat.
  await page.getByRole('link', { name: 'Annuler ma réservation…' }).click();
  await page.getByRole('button', { name: "Oui, j'annule" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Vous avez quitté la liste d'attente" })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    "Vous n'êtes plus sur la liste d'attente et vos coordonnées sont effacées. Merci de nous avoir prévenus.",
  );
});

test('a parent changes the date from the manage page, and keeps the code', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('link', { name: /Voir et s'inscrire : Suivre la scolarité/ })
    .first()
    .click();
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Nom', { exact: true }).fill('Moreau');
  await page.getByLabel('Téléphone').fill('06 98 76 54 32');
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: 'Réserver ma place' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "C'est réservé !" })).toBeVisible();
  const code = await page.locator('.code').textContent();
  const before = await page.locator('.ticket strong').first().textContent();

  await expect(page.getByRole('heading', { name: 'Changer de date' })).toBeVisible();
  const option = page.locator('.dates li').filter({ hasText: 'Premiers pas' });
  const when = (await option.locator('strong').textContent())!;
  await option.getByRole('button', { name: /Choisir cette date/ }).click();
  await expect(page.getByRole('status')).toHaveText(
    "C'est fait : votre nouvelle date est enregistrée. Votre agenda recevra la mise à jour.",
  );
  await expect(page.locator('.ticket strong').first()).toHaveText(when);
  expect(when).not.toBe(before);
  await expect(page.locator('.code')).toHaveText(code!);
});

test('the catalog says so when nothing matches', async ({ page }) => {
  await page.goto('/?arrondissement=16');
  await expect(page.getByText("Aucun atelier ne correspond pour l'instant.")).toBeVisible();
  await page.getByRole('link', { name: 'Voir tous les ateliers' }).click();
  await expect(page.getByRole('heading', { name: /4 ateliers/ })).toBeVisible();
});

test('the reminder\'s "Je ne pourrai pas venir" frees the seat in one tap, without JavaScript', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('link', { name: /Voir et s'inscrire/ })
    .first()
    .click();
  await page.getByLabel('Prénom').fill('Samir');
  await page.getByLabel('Nom', { exact: true }).fill('Rappel');
  await page.getByLabel('Téléphone').fill('06 44 33 22 11');
  await page.getByLabel(/J'accepte que la Ligue/).check();
  await page.getByRole('button', { name: /Réserver ma place|liste d'attente/ }).click();
  const manageUrl = page.url().split('?')[0]!;

  // The link of the reminder: opening it changes nothing, the one button does.
  await page.goto(`${manageUrl}/annuler`);
  await expect(page.getByRole('heading', { level: 1, name: 'Vous ne pourrez pas venir ?' })).toBeVisible();
  await page.goto(manageUrl);
  await expect(page.getByText('Samir Rappel')).toBeVisible();
  await page.goto(`${manageUrl}/annuler`);
  await page.getByRole('button', { name: 'Je ne pourrai pas venir' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Réservation annulée|Vous avez quitté la liste d'attente/ })).toBeVisible();
  await page.goto(`${manageUrl.replace('/r/', '/ar/r/')}/annuler`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText('هذا الحجز ملغى من قبل.')).toBeVisible();
});
