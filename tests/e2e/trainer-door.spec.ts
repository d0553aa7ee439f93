// A trainer's day on a phone: signs in and lands on today's session, marks people at the door
// one tap each (a double tap never un-marks), keeps marking when the network goes, and the
// server has every mark once when it comes back; the page never scrolls sideways at 200 % text.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@libsql/client';
import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'le cahier de présence';
const stamp = Date.now();
const email = `yasmine.${stamp}@ligue13.test`;
const HOUR = 3_600_000;
const PEOPLE = ['Amina Benali', 'Karim Saïdi', 'Nora Petit', 'Sami Haddad', 'Lina Moreau', 'Omar Diallo', 'Inès Garcia'];

async function withDb<T>(work: (db: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const db = createClient({ url: e2eDatabaseUrl });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

async function addSession(trainerId: number, title: string, startsAt: number, endsAt: number): Promise<number> {
  return withDb(async (db) => {
    const rs = await db.execute({
      sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, venue_address, school_uai, capacity, trainer_id)
          values (1, 1, ?, 'parent', ?, ?, 'Centre social Belsunce', '16 rue Bernard du Bois, 13001 Marseille', '0130001A', 12, ?) returning id`,
      args: [title, startsAt, endsAt, trainerId],
    });
    return Number(rs.rows[0]!.id);
  });
}

async function book(sessionId: number, name: string, contact: { email?: string; phone?: string; language?: string } = {}) {
  const [firstName, lastName] = name.split(' ');
  await withDb((db) =>
    db.execute({
      sql: `insert into registrations (session_id, status, first_name, last_name, email, phone, language, code)
          values (?, 'confirmed', ?, ?, ?, ?, ?, ?)`,
      args: [
        sessionId,
        firstName!,
        lastName!,
        contact.email ?? null,
        contact.phone ?? null,
        contact.language ?? 'fr',
        `D${String(stamp).slice(-4)}${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
      ],
    }),
  );
}

let today = 0;
let ended = 0;
let nextDate = 0;
test.beforeAll(async () => {
  execFileSync(
    'node_modules/.bin/node',
    ['--import', 'tsx', 'scripts/cli.ts', 'user:create', '--role', 'trainer', '--email', email, '--name', 'Yasmine Kaci'].concat([
      '--password',
      PASSWORD,
      '--org',
      'ligue',
    ]),
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' }, stdio: 'pipe' },
  );
  const trainerId = await withDb(async (db) =>
    Number((await db.execute({ sql: 'select id from users where email = ?', args: [email] })).rows[0]!.id),
  );
  // Started ten minutes ago: today whatever the hour the suite runs.
  today = await addSession(trainerId, "L'espace numérique de l'école", Date.now() - 10 * 60_000, Date.now() + 2 * HOUR);
  for (const [i, name] of PEOPLE.entries()) await book(today, name, { phone: `+3363998410${i}` });
  ended = await addSession(trainerId, 'Pronote pas à pas', Date.now() - 3 * HOUR, Date.now() - HOUR);
  await book(ended, 'Fatima Zahra', { email: `fatima.${stamp}@example.test`, language: 'ar' });
  await book(ended, 'Hugo Blanc', { phone: '+33611223344' });
  // The next date of the same workshop, sooner than any other of its track.
  nextDate = await addSession(trainerId, 'Pronote pas à pas', Date.now() + 1 * 24 * HOUR, Date.now() + 1 * 24 * HOUR + 2 * HOUR);
});

const counts = (page: Page) => page.locator('.counts');

test('a trainer lands on today, marks five in under ten taps, goes offline and loses nothing', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: "Aujourd'hui" })).toBeVisible();
  let taps = 0;
  await page.getByRole('link', { name: "Présences : L'espace numérique de l'école" }).click();
  taps++;
  await expect(page.getByRole('heading', { level: 1, name: 'Présences' })).toBeVisible();

  // A double tap on the first person: marked, not un-marked.
  await page.getByRole('button', { name: 'Présent : Amina Benali' }).dblclick();
  taps += 2;
  await expect(page.getByText('Amina Benali : présence notée.')).toBeVisible();
  await expect(page.locator('#r-' + (await regId('Benali'))).getByText('✓ Présent·e')).toBeVisible();
  for (const name of ['Karim Saïdi', 'Nora Petit', 'Sami Haddad', 'Lina Moreau']) {
    await page.getByRole('button', { name: `Présent : ${name}` }).click();
    taps++;
    await expect(page.getByText(`${name} : présence notée.`)).toBeVisible();
  }
  expect(taps).toBeLessThan(10);
  await expect(counts(page)).toHaveText('Présents : 5 sur 7 inscrits');
  // The undo is on the row just marked, away from where the big button was.
  await expect(page.getByRole('button', { name: 'Retirer : Lina Moreau' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirer : Amina Benali' })).toHaveCount(0);

  // The network goes: two more marks and a walk-in wait on the phone.
  await context.setOffline(true);
  await expect(page.getByText('Hors ligne — rien en attente')).toBeVisible();
  await page.getByRole('button', { name: 'Présent : Omar Diallo' }).click();
  await page.getByRole('button', { name: 'En retard : Inès Garcia' }).click();
  await page.getByLabel('Prénom').fill('Malik');
  await page.getByLabel('Nom', { exact: true }).fill('Nouveau');
  await page.getByRole('button', { name: 'Ajouter et noter sa présence' }).click();
  await expect(page.getByText('Hors ligne — 3 en attente')).toBeVisible();
  // The page opens again without network (the service worker's copy), the queue still shown.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByText('Hors ligne — 3 en attente')).toBeVisible();
  await expect(page.locator('#r-' + (await regId('Garcia')))).toContainText("En retard — en attente d'envoi");
  // An answer lost on the way: the first queued mark is sent twice.
  await page.evaluate((path) => {
    const key = `door-queue:${path}`;
    const queue = JSON.parse(localStorage.getItem(key) ?? '[]');
    localStorage.setItem(key, JSON.stringify([...queue, queue[0]]));
  }, new URL(page.url()).pathname);
  await context.setOffline(false);
  await expect(counts(page)).toHaveText('Présents : 8 sur 8 inscrits');
  await expect(page.locator('[data-offline]')).toBeHidden();

  const marks = await withDb(async (db) => {
    const rows = await db.execute({
      sql: `select r.last_name as name, a.status, (select count(*) from audit_log l where l.action = 'attendance.marked' and l.subject_id = cast(r.id as text)) as audited
          from registrations r join attendance a on a.registration_id = r.id where r.session_id = ? order by r.last_name`,
      args: [today],
    });
    return rows.rows.map((r) => [r.name, r.status, Number(r.audited)]);
  });
  expect(marks).toEqual([
    ['Benali', 'present', 1],
    ['Diallo', 'present', 1],
    ['Garcia', 'late', 1],
    ['Haddad', 'present', 1],
    ['Moreau', 'present', 1],
    ['Nouveau', 'present', 1],
    ['Petit', 'present', 1],
    ['Saïdi', 'present', 1],
  ]);

  // 200 % text on the narrowest phone: nothing pushed off-screen sideways.
  await page.setViewportSize({ width: 320, height: 740 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await page.getByLabel('Nom ou code').scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expect(page.getByRole('button', { name: 'Chercher' })).toBeInViewport();
});

test('after the session, the trainer closes the call and the absent parent is told the next dates', async ({ page }) => {
  await page.goto('/login?next=/formateur');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.goto(`/formateur/sessions/${ended}/presences`);
  await page.getByRole('button', { name: 'Présent : Hugo Blanc' }).click();
  await expect(page.getByText('Hugo Blanc : présence notée.')).toBeVisible();
  await page.getByRole('button', { name: 'Noter absente la personne non pointée' }).click();
  await expect(page.getByText('1 personne notée absente.')).toBeVisible();
  await expect(page.locator(`#r-${await regId('Zahra')}`)).toContainText('Absent·e');
  const sent = await withDb(async (db) => {
    const rs = await db.execute({
      sql: `select o.channel, o.language, o.recipient, json_extract(o.payload, '$.nextDates[0].id') as next from outbox o
          join registrations r on r.id = o.registration_id where o.kind = 'missed-you' and r.session_id = ?`,
      args: [ended],
    });
    return rs.rows.map((r) => ({ ...r }));
  });
  expect(sent).toEqual([{ channel: 'email', language: 'ar', recipient: `fatima.${stamp}@example.test`, next: nextDate }]);
});

// A course of three dates a week apart, the second under way: the door opens on it.
async function addCourse(title: string): Promise<{ id: number; dates: number[] }> {
  const trainerId = await withDb(async (db) =>
    Number((await db.execute({ sql: 'select id from users where email = ?', args: [email] })).rows[0]!.id),
  );
  const starts = [Date.now() - 7 * 24 * HOUR - 10 * 60_000, Date.now() - 10 * 60_000, Date.now() + 7 * 24 * HOUR - 10 * 60_000];
  const id = await addSession(trainerId, title, starts[0]!, starts[2]! + 2 * HOUR);
  const dates = await withDb(async (db) => {
    const ids: number[] = [];
    for (const startsAt of starts) {
      const rs = await db.execute({
        sql: 'insert into session_dates (session_id, starts_at, ends_at) values (?, ?, ?) returning id',
        args: [id, startsAt, startsAt + 2 * HOUR],
      });
      ids.push(Number(rs.rows[0]!.id));
    }
    return ids;
  });
  return { id, dates };
}

const signIn = async (page: Page) => {
  await page.goto('/login?next=/formateur');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: "Aujourd'hui" })).toBeVisible();
};

test.describe('a course over three dates, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the trainer marks date 2 at the door: that date only, the others a link away', async ({ page }) => {
    const course = await addCourse('Parcours tablette');
    await book(course.id, 'Rania Cherif', { phone: '+33639984201' });
    await book(course.id, 'Yanis Roux', { phone: '+33639984202' });
    await signIn(page);
    await page.goto(`/formateur/sessions/${course.id}/presences`);
    await expect(page.getByText(/^Séance 2 sur 3 — /).first()).toBeVisible();
    await page.getByRole('button', { name: 'Présent : Rania Cherif' }).click();
    await expect(page.getByText('Rania Cherif : présence notée.')).toBeVisible();
    await page.getByRole('button', { name: 'Excusé·e : Yanis Roux' }).click();
    await expect(page.getByText('Yanis Roux : absence excusée notée.')).toBeVisible();
    await expect(counts(page)).toHaveText('Présents : 1 sur 2 inscrits');
    await page.screenshot({ path: 'test-results/door-course-date-2.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Date 1 is its own page: nobody marked there.
    await page.getByRole('link', { name: /^Séance 1 sur 3 — / }).click();
    await expect(page.getByText(/^Séance 1 sur 3 — /).first()).toBeVisible();
    await expect(counts(page)).toHaveText('Présents : 0 sur 2 inscrits');
    await expect(page.getByRole('button', { name: 'Présent : Rania Cherif' })).toBeVisible();
    const marks = await dateMarks(course.id);
    expect(marks).toEqual([
      ['Cherif', course.dates[1], 'present'],
      ['Roux', course.dates[1], 'excused'],
    ]);
  });
});

test('with JavaScript, the undo fades away after a few seconds; offline, a mark keeps its date', async ({ page, context }) => {
  test.setTimeout(60_000);
  const course = await addCourse('Parcours smartphone');
  await book(course.id, 'Sofia Lopez', { phone: '+33639984203' });
  await book(course.id, 'Adam Martin', { phone: '+33639984204' });
  await signIn(page);
  await page.goto(`/formateur/sessions/${course.id}/presences?seance=${course.dates[1]}`);
  await page.getByRole('button', { name: 'Présent : Sofia Lopez' }).click();
  await expect(page.getByText('Sofia Lopez : présence notée.')).toBeVisible();
  const undo = page.getByRole('button', { name: 'Retirer : Sofia Lopez' });
  await expect(undo).toBeVisible();
  // The page of a date passes axe (run here: axe needs JavaScript in the page).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await expect(undo).toBeHidden({ timeout: 12_000 });

  // The network goes: the mark waits on the phone, the page of this date opens again offline.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'En retard : Adam Martin' }).click();
  await expect(page.getByText('Hors ligne — 1 en attente')).toBeVisible();
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByText(/^Séance 2 sur 3 — /)).toBeVisible();
  await context.setOffline(false);
  await expect(counts(page)).toHaveText('Présents : 2 sur 2 inscrits');
  expect(new URL(page.url()).search).toBe(`?seance=${course.dates[1]}`);
  const marks = await dateMarks(course.id);
  expect(marks).toEqual([
    ['Lopez', course.dates[1], 'present'],
    ['Martin', course.dates[1], 'late'],
  ]);
});

// Each person's mark per date of a course, by last name: [name, date id, status].
function dateMarks(sessionId: number) {
  return withDb(async (db) => {
    const rs = await db.execute({
      sql: `select r.last_name as name, d.date_id as date, d.status from date_attendance d join registrations r on r.id = d.registration_id
          where r.session_id = ? order by r.last_name`,
      args: [sessionId],
    });
    return rs.rows.map((r) => [r.name, Number(r.date), r.status]);
  });
}

async function regId(lastName: string): Promise<number> {
  return withDb(async (db) =>
    Number(
      (await db.execute({ sql: 'select id from registrations where last_name = ? order by id desc limit 1', args: [lastName] })).rows[0]!
        .id,
    ),
  );
}
