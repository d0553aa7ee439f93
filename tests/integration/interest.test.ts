// "Prévenez-moi" end to end over HTTP against a real database file: a parent's request
// (API and form), the match when a trainer publishes a workshop near the school, the message
// through the real worker to a real SMTP listener, withdrawal, expiry, the Ligue's counts, and
// the request in the admin's personal-data export and erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { erasePersonalData, exportPersonalData } from '~/features/privacy/personal-data.server';
import { eraseExpiredInterest } from '~/features/interest/interest-privacy.server';
import { waitingDemand } from '~/features/interest/interest-demand.server';
import { Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { drain, mailsTo } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { askInterest, publishWorkshop } from '../helpers/interest';

// Beside the test city's three schools: one in Belsunce's arrondissement but 4 km away, one
// 7 km away in the 13th.
const FAR_SAME_ARRONDISSEMENT = '0130010K';
const FAR = '0130011L';
const BELSUNCE = '0130001A';
const PANIER = '0130002B'; // 2nd arrondissement, 0.8 km from Belsunce

let people: Accounts;
let ligue: Client;
let anonymous: Client;
let smtp: TestSmtp;
let worker: OutboxWorker;

const portal = testPortal({
  env: { RATE_LIMIT: 'on' },
  seed: async (db) => {
    people = await createAccounts(db);
    await db.$client.execute(`insert into schools (uai, name, kind, arrondissement, address, postcode, latitude, longitude) values
      ('${FAR_SAME_ARRONDISSEMENT}', 'École élémentaire Loin du Centre', 'elementary', 1, '1 boulevard Lointain', '13001', 43.3350, 5.3780),
      ('${FAR}', 'École primaire Château-Gombert', 'primary', 13, '2 place des Héros', '13013', 43.3560, 5.4370)`);
  },
});

beforeAll(async () => {
  ligue = await signedIn(portal.url, people.trainer.email);
  anonymous = new Client(portal.url);
  smtp = await startSmtp();
  worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, log: () => {} });
});

afterAll(async () => {
  await worker.stop();
  await smtp.stop();
});

async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];
}

const ask = (body: Record<string, unknown>) => askInterest(anonymous, body);
const publish = (over: Record<string, unknown> = {}) => publishWorkshop(ligue, over);

// Those told by email (phone-only requests are told by SMS: interest-sms.test.ts).
const toldAbout = async (sessionId: number) =>
  (
    await rows(
      `select recipient from outbox where kind = 'interest-match' and channel = 'email' and json_extract(payload, '$.session.id') = ? order by recipient`,
      [sessionId],
    )
  ).map((r) => r.recipient);

describe('POST /api/v1/interest', () => {
  it('answers 201 with when it expires and a withdrawal link', async () => {
    const res = await anonymous.postJson('/api/v1/interest', {
      schoolUai: PANIER,
      phone: '06 12 34 56 78',
      language: 'ar',
      messageLanguage: 'ar',
      consent: true,
    });
    expect(res.status, res.text).toBe(201);
    const { interest } = res.json<{ interest: { expiresAt: string; withdrawUrl: string } }>();
    const months = (Date.parse(interest.expiresAt) - Date.now()) / (30.4 * 24 * 3600 * 1000);
    expect(months).toBeGreaterThan(5.9);
    expect(months).toBeLessThan(6.1);
    expect(interest.withdrawUrl).toMatch(/\/ar\/prevenez-moi\/retrait\/[a-z2-7]{32}$/);
    const [row] = await rows(`select phone, email, language from interest_requests where school_uai = ?`, [PANIER]);
    expect(row).toEqual({ phone: '+33612345678', email: null, language: 'ar' });
  });

  it('answers 422 with a message per field for bad input', async () => {
    const res = await anonymous.postJson('/api/v1/interest', { schoolUai: 'nope', email: 'pas-une-adresse', language: 'xx' });
    expect(res.status).toBe(422);
    const body = res.json<{ error: string; errors: Record<string, string> }>();
    expect(body.error).toBeTruthy();
    expect(Object.keys(body.errors).sort()).toEqual(['consent', 'email', 'language', 'schoolUai']);
    expect(body.errors.consent).toBe('Cochez cette case pour être prévenu.');
    const unknownSchool = await anonymous.postJson('/api/v1/interest', {
      schoolUai: '0139999Z',
      email: 'a@example.fr',
      language: 'fr',
      consent: true,
    });
    expect(unknownSchool.status).toBe(422);
    expect(unknownSchool.json<{ errors: Record<string, string> }>().errors.schoolUai).toBeTruthy();
    const noContact = await anonymous.postJson('/api/v1/interest', { schoolUai: BELSUNCE, language: 'fr', consent: true });
    expect(noContact.json<{ errors: Record<string, string> }>().errors.phone).toBeTruthy();
  });

  it('keeps one request per person, school and language', async () => {
    const first = await ask({ schoolUai: FAR, email: 'twice@example.fr' });
    const again = await ask({ schoolUai: FAR, email: 'Twice@Example.fr' });
    expect(again.id).toBe(first.id);
  });

  it('is rate limited per contact like bookings', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await anonymous.postJson('/api/v1/interest', {
        schoolUai: FAR,
        email: 'flood@example.fr',
        language: 'fr',
        consent: true,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('publishing a parents workshop at a school', () => {
  let sessionId: number;
  beforeAll(async () => {
    await ask({ schoolUai: BELSUNCE, email: 'same-school@example.fr' });
    await ask({ schoolUai: FAR_SAME_ARRONDISSEMENT, email: 'same-arrondissement@example.fr', language: 'ar', messageLanguage: 'ar' });
    await ask({ schoolUai: PANIER, email: 'within-2km@example.fr', messageLanguage: 'en' });
    await ask({ schoolUai: FAR, email: 'far@example.fr' });
    await ask({ schoolUai: BELSUNCE, email: 'turkish@example.fr', language: 'tr' });
    // Two requests near the school: told once.
    await ask({ schoolUai: BELSUNCE, email: 'two-requests@example.fr' });
    await ask({ schoolUai: PANIER, email: 'two-requests@example.fr' });
    const expired = await ask({ schoolUai: BELSUNCE, email: 'expired@example.fr' });
    await rows(`update interest_requests set expires_at = ? where id = ?`, [Date.now() - 1000, expired.id]);
    const withdrawn = await ask({ schoolUai: BELSUNCE, email: 'withdrawn@example.fr' });
    const page = await anonymous.request('GET', new URL(withdrawn.withdrawUrl).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Retirer ma demande');
    const done = await anonymous.postForm(new URL(withdrawn.withdrawUrl).pathname, {});
    expect(done.status).toBe(303);
    sessionId = await publish();
  });

  it('tells those at the school, in its arrondissement or within 2 km, in a language of the workshop', async () => {
    expect(await toldAbout(sessionId)).toEqual([
      'same-arrondissement@example.fr',
      'same-school@example.fr',
      'two-requests@example.fr',
      'within-2km@example.fr',
    ]);
  });

  it('tells each of them once, even when planning runs the match again', async () => {
    const { queueInterestMatches } = await import('~/features/interest/interest-match.server');
    await queueInterestMatches(portal.db, [BELSUNCE, PANIER, FAR_SAME_ARRONDISSEMENT], ['fr', 'ar'], Date.now());
    expect((await toldAbout(sessionId)).length).toBe(4);
  });

  it('tells nobody about a teachers training or a workshop without a school', async () => {
    const noSchool = await publish({ schoolUai: undefined, venueName: 'Centre social', venueAddress: '1 rue Test' });
    expect(await toldAbout(noSchool)).toEqual([]);
  });

  it('sends the message with the session page in the parent language and a working withdrawal link', async () => {
    await drain(worker);
    const [mail] = mailsTo(smtp.mails, 'same-arrondissement@example.fr');
    expect(mail, 'the Arabic reader got a message').toBeTruthy();
    const { text, subject } = mail!.parsed;
    expect(subject).toContain('Suivre la scolarité en ligne');
    expect(text).toContain(`/ar/sessions/${sessionId}`);
    const withdraw = /(\/ar\/prevenez-moi\/retrait\/[a-z2-7]+)/.exec(text ?? '')![1]!;
    const page = await anonymous.request('GET', `/ar/sessions/${sessionId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('lang="ar"');
    expect((await anonymous.postForm(withdraw, {})).status).toBe(303);
    const [row] = await rows(`select email, withdrawn_at from interest_requests where school_uai = ? and language = 'ar'`, [
      FAR_SAME_ARRONDISSEMENT,
    ]);
    expect(row!.email).toBeNull();
    expect(row!.withdrawn_at).not.toBeNull();
    const [english] = mailsTo(smtp.mails, 'within-2km@example.fr');
    expect(english!.parsed.text).toContain(`/en/sessions/${sessionId}`);
  });
});

describe('the Ligue when it plans', () => {
  it('sees the waiting requests per school and language', async () => {
    const demand = await waitingDemand(portal.db);
    const belsunceFr = demand.find((d) => d.schoolUai === BELSUNCE && d.language === 'fr');
    // same-school, two-requests (the expired and the withdrawn ones do not count).
    expect(belsunceFr?.waiting).toBe(2);
    expect(demand.find((d) => d.schoolUai === BELSUNCE && d.language === 'tr')?.waiting).toBe(1);
    const page = await ligue.request('GET', '/formateur/sessions/nouvelle');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Parents qui attendent un atelier');
    expect(page.text).toMatch(/École élémentaire Belsunce<\/a>\s*<\/td>\s*<td>1<\/td>\s*<td>français<\/td>\s*<td>2<\/td>/);
    const draneTrainer = await signedIn(portal.url, people['drane-trainer'].email);
    expect((await draneTrainer.request('GET', '/formateur/sessions/nouvelle')).text).not.toContain('Parents qui attendent un atelier');
  });
});

describe('personal data', () => {
  it('forgets requests past their six months, keeping the anonymous row', async () => {
    const erased = await eraseExpiredInterest(portal.db, Date.now());
    expect(erased).toBe(1);
    expect(await rows(`select email from interest_requests where email = 'expired@example.fr'`)).toEqual([]);
  });

  it('shows requests in the admin export and erases them with the rest', async () => {
    const admin = { kind: 'user' as const, userId: people.admin.id };
    const contact = { kind: 'email' as const, value: 'same-school@example.fr' };
    const data = await exportPersonalData(portal.db, contact, admin);
    expect(data.interestRequests.map((r) => r.schoolUai)).toEqual([BELSUNCE]);
    expect(data.messages.map((m) => m.kind)).toContain('interest-match');
    await erasePersonalData(portal.db, contact, admin);
    expect(await rows(`select 1 from interest_requests where email = 'same-school@example.fr'`)).toEqual([]);
    expect(await rows(`select 1 from outbox where recipient = 'same-school@example.fr'`)).toEqual([]);
  });
});

describe('the flyer', () => {
  it('has a short link to the session page and a QR code drawn from it', async () => {
    const id = await publish({ schoolUai: PANIER, startsAt: '2027-06-01T17:00:00+02:00', endsAt: '2027-06-01T19:00:00+02:00' });
    const short = await anonymous.request('GET', `/s/${id}`);
    expect(short.status).toBe(302);
    expect(short.location).toBe(`/sessions/${id}`);
    const arabic = await anonymous.request('GET', `/s/${id}`, { headers: { 'Accept-Language': 'ar-MA,ar;q=0.9' } });
    expect(arabic.location).toBe(`/ar/sessions/${id}`);
    const flyer = await anonymous.request('GET', `/sessions/${id}/affiche`);
    expect(flyer.status).toBe(200);
    const { qrSvg, shortLink } = await import('~/features/catalog/flyer');
    expect(flyer.text).toContain(await qrSvg(shortLink(portal.url, id)));
    expect(flyer.text).toContain('https://wa.me/?text=');
    expect(flyer.text).toContain('lang="ar"');
    expect(flyer.text).toContain('@page');
    expect((await anonymous.request('GET', `/sessions/${id}`)).text).toContain(`/sessions/${id}/affiche`);
  });
});
