// Issue 17: a parent track's Arabic and English titles reach the calendar invite (mailed over
// real SMTP, and downloaded from the manage link), and the demo's parent tracks carry them, so
// the catalog at /ar/ and /en/ shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '~/demo/seed';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { Client } from '../helpers/auth';
import { createTestDb, type TestDb } from '../helpers/db';
import { drain, inviteOf, mailsTo } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startServer, type RunningServer } from '../helpers/server';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

const AR_TITLE = 'متابعة الدراسة عبر الفضاء الرقمي للمدرسة';
const EN_TITLE = "Following schooling on the school's online space";

// An ICS text value as written (commas and semicolons escaped).
const escaped = (text: string) => `SUMMARY:${text.replace(/[,;]/g, (c) => `\\${c}`)}`;

// Unfolded ICS lines.
const icsLine = (ics: string, name: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .find((l) => l.startsWith(`${name}:`));

describe('the calendar invite', () => {
  let smtp: TestSmtp;
  let worker: OutboxWorker;
  const portal = testPortal({
    seed: async (db) => {
      await db.$client.execute({
        sql: `update tracks set translations = ? where id = 1`,
        args: [JSON.stringify({ ar: { title: AR_TITLE }, en: { title: EN_TITLE } })],
      });
    },
  });
  beforeAll(async () => {
    smtp = await startSmtp();
    worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, log: () => {} });
  });
  afterAll(async () => {
    await worker.stop();
    await smtp.stop();
  });

  it('is titled in the person’s language: Arabic, English, or French when none exists', async () => {
    const sessionId = await createSession(portal.db, { audience: 'parent' });
    const people = [
      { language: 'ar', email: 'salma@example.fr', summary: AR_TITLE },
      { language: 'en', email: 'john@example.fr', summary: EN_TITLE },
      { language: 'fr', email: 'louise@example.fr', summary: "Suivre la scolarité avec l'espace numérique de l'école" },
    ];
    for (const p of people) {
      const res = await new Client(portal.url).postJson(`/api/v1/sessions/${sessionId}/registrations`, {
        firstName: 'Test',
        lastName: 'Parent',
        email: p.email,
        language: p.language,
        consent: true,
      });
      expect(res.status, res.text).toBe(201);
      const ics = await new Client(portal.url).get(new URL(res.json<{ registration: { icsUrl: string } }>().registration.icsUrl).pathname);
      expect(ics.status).toBe(200);
      expect(icsLine(ics.text, 'SUMMARY')).toBe(escaped(p.summary));
    }
    await drain(worker);
    for (const p of people) {
      const [mail] = mailsTo(smtp.mails, p.email);
      expect(icsLine(inviteOf(mail!)!.ics, 'SUMMARY')).toBe(escaped(p.summary));
    }
  });
});

describe('the demo city', () => {
  let t: TestDb;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestDb();
    await seedDemoData(t.db, Date.now());
    server = await startServer({ DATABASE_URL: t.url, DEMO_DATA: '0' });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    t?.close();
  });

  it('gives every parent track Arabic and English titles and summaries; the catalog shows them', async () => {
    const rows = (await t.db.$client.execute(`select slug, translations from tracks where audience = 'parent'`)).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const tr = JSON.parse(String(r.translations)) as Record<string, { title?: string; summary?: string }>;
      for (const lang of ['ar', 'en']) expect(tr[lang]?.title && tr[lang]?.summary, `${String(r.slug)} ${lang}`).toBeTruthy();
    }
    const ar = await new Client(server.url).get('/ar/');
    expect(ar.status).toBe(200);
    const arTitles = rows.map((r) => (JSON.parse(String(r.translations)) as { ar: { title: string } }).ar.title);
    expect(arTitles.some((title) => ar.text.includes(title))).toBe(true);
    const en = await new Client(server.url).get('/en/');
    const enTitles = rows.map((r) => (JSON.parse(String(r.translations)) as { en: { title: string } }).en.title.replace(/'/g, '&#39;'));
    expect(enTitles.some((title) => en.text.includes(title))).toBe(true);
  });
});
