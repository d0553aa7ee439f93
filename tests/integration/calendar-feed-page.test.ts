// A teacher or trainer subscribes their calendar from the account page, and can switch it off.
import { expect, it } from 'vitest';
import { createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';

let accounts: Accounts;

const portal = testPortal({
  seed: async (db) => {
    accounts = await createAccounts(db);
  },
});

it('shows a new feed URL once, which serves a calendar until it is switched off', async () => {
  const teacher = await signedIn(portal.url, accounts.teacher.email);
  const made = await teacher.postForm('/compte', { intent: 'feed-create' });
  expect(made.status).toBe(200);
  const url = /(http:\/\/[^<\s]+\/calendar\/[a-z2-7]+\.ics)/.exec(made.text)?.[1];
  expect(url).toBeTruthy();
  const feed = await fetch(url!);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  // Afterwards the page says a link exists but never shows it again.
  const page = await teacher.get('/compte');
  expect(page.text).not.toContain(url!);
  expect(page.text).toContain('Désactiver le lien');
  const off = await teacher.postForm('/compte', { intent: 'feed-revoke' });
  expect(off.status).toBe(303);
  expect((await fetch(url!)).status).toBe(404);
});

it('is offered to teachers and trainers only', async () => {
  const city = await signedIn(portal.url, accounts.city.email);
  const page = await city.get('/compte');
  expect(page.status).toBe(200);
  expect(page.text).not.toContain("Créer mon lien d'abonnement");
  const attempt = await city.postForm('/compte', { intent: 'feed-create' });
  expect(attempt.text).not.toMatch(/\/calendar\/[a-z2-7]+\.ics/);
});
