// "Prévenez-moi" for parents who left only a phone, end to end: a trainer publishes a
// workshop near the school and the real worker sends each of them one SMS through a real
// SMPP server, in their language (the Arabic title when the trainer wrote one), with a link
// to book in that language and a short link that withdraws the request. A person with an
// email gets the email, not both; two requests of one person are told once. The Arabic
// email reads the Arabic title, unmarked; the French fallback is marked lang="fr".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { drain, mailsTo } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startSmsc, type TestSmsc } from '../helpers/smpp';
import { askInterest, publishWorkshop } from '../helpers/interest';
import { smsShape } from '~/features/mail/sms/sms-parts';
import { SMS_SEGMENT_BUDGET } from '~/features/mail/sms/sms-fit';
import { config } from '~/platform/config/config';

// The worker runs in this process: its links start with this process's PUBLIC_URL.
const PUBLIC_URL = config.publicUrl;

const BELSUNCE = '0130001A';
const PANIER = '0130002B'; // 0.8 km from Belsunce
const ARABIC_TITLE = 'متابعة تمدرس الأبناء عبر الإنترنت';

let people: Accounts;
let ligue: Client;
let anonymous: Client;
let smtp: TestSmtp;
let smsc: TestSmsc;
let worker: OutboxWorker;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });

beforeAll(async () => {
  ligue = await signedIn(portal.url, people.trainer.email);
  anonymous = new Client(portal.url);
  [smtp, smsc] = await Promise.all([startSmtp(), startSmsc()]);
  worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, smsUrl: smsc.url, log: () => {} });
});

afterAll(async () => {
  await worker?.stop();
  await Promise.all([smtp?.stop(), smsc?.stop()]);
});

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

const ask = (body: Record<string, unknown>) => askInterest(anonymous, body);

let sessionId: number;

beforeAll(async () => {
  await ask({ schoolUai: BELSUNCE, phone: '06 12 00 00 01' });
  await ask({ schoolUai: BELSUNCE, phone: '06 12 00 00 02', language: 'ar', messageLanguage: 'ar' });
  await ask({ schoolUai: PANIER, phone: '06 12 00 00 03', messageLanguage: 'en' });
  // The same phone for two schools near the workshop: one SMS.
  await ask({ schoolUai: PANIER, phone: '06 12 00 00 01' });
  // Email and phone: told by email only.
  await ask({ schoolUai: BELSUNCE, email: 'both@example.fr', phone: '06 12 00 00 04', language: 'ar', messageLanguage: 'ar' });
  await ask({ schoolUai: BELSUNCE, email: 'french@example.fr' });
  sessionId = await publishWorkshop(ligue, { translations: { ar: { title: ARABIC_TITLE } } });
  await drain(worker);
  await smsc.waitFor(3);
});

describe('a workshop published near phone-only parents', () => {
  it('queues one message per person: an SMS without an email, the email otherwise', async () => {
    const queued = await rows(`select channel, recipient from outbox where kind = 'interest-match' order by channel, recipient`);
    expect(queued).toEqual([
      { channel: 'email', recipient: 'both@example.fr' },
      { channel: 'email', recipient: 'french@example.fr' },
      { channel: 'sms', recipient: '+33612000001' },
      { channel: 'sms', recipient: '+33612000002' },
      { channel: 'sms', recipient: '+33612000003' },
    ]);
  });

  it('sends those SMS, once each, within budget, and counts them as sent', async () => {
    // Every SMS that left the worker arrived, and no more.
    await new Promise((r) => setTimeout(r, 200));
    expect(smsc.messages.map((m) => m.to).sort()).toEqual(['33612000001', '33612000002', '33612000003']);
    const sent = await rows(
      `select count(*) as n from outbox where kind = 'interest-match' and channel = 'sms' and status in ('sent', 'delivered')`,
    );
    expect(Number(sent[0]!.n)).toBe(smsc.messages.length);
    for (const m of smsc.messages) {
      const lang = m.to === '33612000002' ? 'ar' : m.to === '33612000003' ? 'en' : 'fr';
      expect(smsShape(m.text).segments, m.text).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET[lang]);
    }
  });

  it('writes each in the parent language, the Arabic title to the Arabic reader', async () => {
    const to = (digits: string) => smsc.messages.find((m) => m.to === digits)!.text;
    expect(to('33612000001')).toContain("Un atelier est prévu près de l'école de votre enfant :");
    expect(to('33612000001')).toContain('Suivre la scolarité en ligne');
    expect(to('33612000001')).toContain(`${PUBLIC_URL}/sessions/${sessionId}`);
    expect(to('33612000002')).toContain(ARABIC_TITLE);
    expect(to('33612000002')).toContain(`${PUBLIC_URL}/ar/sessions/${sessionId}`);
    expect(to('33612000003')).toContain(`${PUBLIC_URL}/en/sessions/${sessionId}`);
    const page = await anonymous.request('GET', `/ar/sessions/${sessionId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(ARABIC_TITLE);
  });

  it('withdraws the request from the short link, in the language it was asked in', async () => {
    const text = smsc.messages.find((m) => m.to === '33612000002')!.text;
    const short = new RegExp(`${PUBLIC_URL}(/p/[a-z2-7]{20})`).exec(text)?.[1];
    expect(short, text).toBeTruthy();
    const hop = await anonymous.request('GET', short!);
    expect(hop.status).toBe(302);
    expect(hop.location).toMatch(/^\/ar\/prevenez-moi\/retrait\/[a-z2-7]{20}$/);
    expect((await anonymous.request('GET', hop.location!)).status).toBe(200);
    expect((await anonymous.postForm(hop.location!, {})).status).toBe(303);
    const [row] = await rows(
      `select phone, withdrawn_at from interest_requests where language = 'ar' and school_uai = ? and email is null`,
      [BELSUNCE],
    );
    expect(row).toMatchObject({ phone: null });
    expect(row!.withdrawn_at).not.toBeNull();
    expect((await anonymous.request('GET', '/p/aaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
  });
});

describe('the emails of the same match', () => {
  it('reads the Arabic title unmarked to the Arabic reader, the French one marked nowhere in French', async () => {
    const [arabic] = mailsTo(smtp.mails, 'both@example.fr');
    expect(arabic!.parsed.subject).toContain(ARABIC_TITLE);
    expect(arabic!.parsed.html).toContain(`<bdi>${ARABIC_TITLE}</bdi>`);
    const [french] = mailsTo(smtp.mails, 'french@example.fr');
    expect(french!.parsed.html).toContain('<bdi>Suivre la scolarité en ligne</bdi>');
  });

  it('marks the French title lang="fr" in an Arabic email when there is no Arabic one', async () => {
    await publishWorkshop(ligue, {
      title: 'Atelier sans traduction',
      startsAt: '2027-05-11T17:00:00+02:00',
      endsAt: '2027-05-11T19:00:00+02:00',
      languages: ['ar'],
    });
    await drain(worker);
    const mail = mailsTo(smtp.mails, 'both@example.fr').find((m) => m.parsed.subject?.includes('Atelier sans traduction'));
    expect(mail!.parsed.html).toContain('<bdi lang="fr" dir="ltr">Atelier sans traduction</bdi>');
  });
});
