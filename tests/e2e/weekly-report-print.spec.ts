// The weekly meeting report printed to PDF in Chromium, as staff would "save as PDF": one A4
// landscape page per section, each page saying which section it is, nothing cut off (rows past
// what fits are announced, and are in the spreadsheet). Read back with poppler (pdfinfo, pdftotext).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl, E2E_PORT } from './fixture-db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'test-results', `e2e-${E2E_PORT}`);
const PASSWORD = 'le rapport du lundi matin';
const email = `claire.${Date.now()}@ac-aix-marseille.fr`;
const KINDS = ['interactive-display', 'classroom-computer', 'tablet', 'teacher-laptop', 'projector'];
const SECTIONS = [
  'Chiffres : cette semaine et depuis la rentrée',
  'La semaine : séances, équipement livré, écoles à risque',
  'Livraisons des 4 prochaines semaines et formations prévues',
  'Écoles dont le statut a changé, et pourquoi',
  "Personnes qui n'ont pas pu être prévenues",
  'Suivis décidés en réunion',
  'Éducation prioritaire : REP+, REP et autres écoles',
  'Évolution depuis la rentrée',
  'Préparation par arrondissement, semaine par semaine',
];

const parisDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const week = Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// Every school gets every kind, due within the coming weeks: more deliveries than one page holds.
async function plentyOfDeliveries() {
  const db = createClient({ url: e2eDatabaseUrl });
  try {
    const schools = (await db.execute('select uai from schools order by uai')).rows.map((r) => String(r.uai));
    await db.batch(
      schools.flatMap((uai, i) =>
        KINDS.map((kind, k) => ({
          sql: `insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values (?, ?, ?, ?) on conflict do nothing`,
          args: [uai, kind, 4 + k, parisDay(2 + ((i * 5 + k) % 25))],
        })),
      ),
      'write',
    );
    return schools.length * KINDS.length;
  } finally {
    db.close();
  }
}

const pdfText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });

  test('the weekly report prints one A4 landscape page per section, and reads', async ({ page }) => {
    // Printing nine sections takes a while on a shared machine.
    test.setTimeout(90_000);
    execFileSync(
      'node_modules/.bin/node',
      [
        '--import',
        'tsx',
        'scripts/cli.ts',
        'user:create',
        '--role',
        'drane',
        '--email',
        email,
        '--name',
        'Claire Drane',
        '--password',
        PASSWORD,
        '--org',
        'drane',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, DEMO_DATA: '0' },
        stdio: 'pipe',
      },
    );
    const deliveries = await plentyOfDeliveries();
    expect(deliveries).toBeGreaterThan(14);
    const week = isoWeek(parisDay(0));

    await page.goto(`/drane/rapports/${week}/reunion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveTitle(`Réunion Drane–Ville : rapport de la semaine ${week} · Passerelle`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(SECTIONS);
    await expect(
      page.getByRole('img', { name: "Part des enseignants formés pour l'équipement de leur école, semaine par semaine" }),
    ).toBeVisible();

    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `rapport-${week}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`^Pages:\\s+${SECTIONS.length}$`, 'm'));
    // A4 landscape: 297 × 210 mm = 841.89 × 595.28 pt.
    const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    expect(Math.abs(Number(width) - 841.89)).toBeLessThan(1);
    expect(Math.abs(Number(height) - 595.28)).toBeLessThan(1);

    for (const [i, title] of SECTIONS.entries()) {
      const text = pdfText(file, i + 1).replace(/\s+/g, ' ');
      expect(text, `page ${i + 1}`).toContain(title);
      expect(text, `page ${i + 1}`).toContain(`Partie ${i + 1} sur ${SECTIONS.length}`);
      // No section starts on another section's page.
      for (const other of SECTIONS.filter((s) => s !== title)) expect(text, `page ${i + 1}`).not.toContain(other);
    }
    const lookAhead = pdfText(file, 3).replace(/\s+/g, ' ');
    expect(lookAhead).toContain('AUCUNE FORMATION PRÉVUE');
    expect(lookAhead).toMatch(/… et \d+ autres lignes, dans le classeur \(\.xlsx\) ou le CSV du rapport\./);
    expect(pdfText(file, 1)).not.toContain('Ajouter un suivi');
  });
});
