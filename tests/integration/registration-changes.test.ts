// Changing a booking with its manage link. Another date of the same workshop where there is
// room: the booking keeps its code, link and calendar UID, the calendar gets the new date as an
// update, and the freed seat goes to the waitlist of the old date. Another number of adults:
// more only into free seats, fewer gives seats to the waitlist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveTargets } from '~/features/registration/manage-changes.server';
import { createOutboxWorker, type OutboxWorker } from '~/features/mail/outbox/worker.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { Client } from '../helpers/auth';
import { parisWallToUtc } from '../helpers/ics';
import { book, drain, inviteOf, mailsTo } from '../helpers/mail';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession, DAY } from '../helpers/world';

let smtp: TestSmtp;
let worker: OutboxWorker;
let web: Client;
const at = (days: number) => Math.floor((Date.now() + days * DAY) / 3_600_000) * 3_600_000;
const portal = testPortal({
  env: { BACKGROUND_JOBS: 'off' },
  seed: async (db) => {
    await db.$client.execute(`insert into tracks (slug, audience, organisation_id, title, summary, equipment_kinds, duration_minutes)
      values ('autre', 'parent', 1, 'Un autre atelier', 'Autre chose.', '[]', 120)`);
  },
});

beforeAll(async () => {
  smtp = await startSmtp();
  worker = createOutboxWorker(portal.db, { smtpUrl: smtp.url, log: () => {} });
  web = new Client(portal.url);
});

afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
});

async function deliver(address: string) {
  await drain(worker);
  return mailsTo(smtp.mails, address);
}

const patch = (token: string, body: unknown) =>
  web.request('PATCH', `/api/v1/manage/${token}`, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

describe('changing the date', () => {
  it('moves a seat to a date with room, updates the calendar, and gives the old seat to the waitlist', async () => {
    const [first, second, full, otherTrack] = [
      await createSession(portal.db, { capacity: 1, startsAt: at(5) }),
      await createSession(portal.db, { capacity: 2, startsAt: at(12) }),
      await createSession(portal.db, { capacity: 1, startsAt: at(14) }),
      await createSession(portal.db, { capacity: 5, startsAt: at(15), trackId: 3 }),
    ];
    await book(portal.db, full, { email: 'someone@example.fr' });
    const amina = await book(portal.db, first, { firstName: 'Amina', email: 'amina.move@example.fr' });
    const karim = await book(portal.db, first, { firstName: 'Karim', email: 'karim.move@example.fr' });
    expect(karim.registration.status).toBe('waitlisted');

    // Only other dates of the same workshop, with room now.
    expect((await moveTargets(portal.db, amina.registration)).map((s) => s.id)).toEqual([second]);

    const res = await patch(amina.manageToken, { sessionId: second });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      registration: { id: amina.registration.id, status: 'confirmed', code: amina.registration.code },
      session: { id: second },
    });
    expect((await getRegistration(portal.db, karim.registration.id))?.status).toBe('confirmed');

    const [confirmation, moved] = await deliver('amina.move@example.fr');
    expect(moved!.parsed.subject).toMatch(
      /^Nouvelle date : Suivre la scolarité avec l'espace numérique de l'école — \S+ \d+(er)? \S+( \d{4})?, \d+ h$/,
    );
    expect(moved!.parsed.text).toMatch(/Avant : .+/);
    expect(moved!.parsed.text).toContain(`/r/`);
    const before = inviteOf(confirmation!)!;
    const after = inviteOf(moved!)!;
    expect(after.method).toBe('REQUEST');
    expect(after.event.value('UID')).toBe(before.event.value('UID'));
    expect(after.event.value('SEQUENCE')).toBe('1');
    expect(parisWallToUtc(after.event.value('DTSTART')!)).toBe(at(12));
    const promoted = await deliver('karim.move@example.fr');
    expect(promoted.map((m) => m.parsed.subject?.split(' : ')[0])).toEqual(["Liste d'attente", "Une place s'est libérée"]);

    // A full date, another workshop, nonsense: refused, nothing changes.
    const refusals = await Promise.all(
      [{ sessionId: full }, { sessionId: otherTrack }, { sessionId: 'x' }].map((body) => patch(amina.manageToken, body)),
    );
    expect(refusals.map((r) => r.status)).toEqual([409, 422, 422]);
    expect(refusals[0]!.json().error).toBe("Cette date vient d'être complète. Choisissez-en une autre.");
    expect((await getRegistration(portal.db, amina.registration.id))?.sessionId).toBe(second);
    expect(await deliver('amina.move@example.fr')).toHaveLength(2);
  });

  it('refuses a date the person is already booked on', async () => {
    const [first, second] = [
      await createSession(portal.db, { capacity: 3, startsAt: at(6) }),
      await createSession(portal.db, { capacity: 3, startsAt: at(7) }),
    ];
    const one = await book(portal.db, first, { phone: '06 55 44 33 22', email: null });
    await book(portal.db, second, { phone: '06 55 44 33 22', email: null });
    const res = await patch(one.manageToken, { sessionId: second });
    expect(res.status).toBe(409);
    expect(res.json().error).toBe('Vous êtes déjà inscrit(e) à cette date.');
    expect((await getRegistration(portal.db, one.registration.id))?.sessionId).toBe(first);
  });

  it("works from the manage page without JavaScript, in the person's language", async () => {
    const [first, second] = [
      await createSession(portal.db, { capacity: 3, startsAt: at(8) }),
      await createSession(portal.db, { capacity: 3, startsAt: at(9) }),
    ];
    const salma = await book(portal.db, first, { language: 'ar', email: 'salma.move@example.fr' });
    const page = await web.get(`/ar/r/${salma.manageToken}`);
    expect(page.text).toContain('تغيير الموعد');
    expect(page.text).toContain(`name="session" value="${second}"`);
    expect(page.text).toContain('3 أماكن متبقية');
    const posted = await web.postForm(`/ar/r/${salma.manageToken}`, { action: 'move', session: String(second) });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/ar/r/${salma.manageToken}?deplace=1`);
    const after = await web.get(posted.location!);
    expect(after.text).toContain('تم: سُجّل موعدك الجديد.');
    expect((await getRegistration(portal.db, salma.registration.id))?.sessionId).toBe(second);
    const [, moved] = await deliver('salma.move@example.fr');
    expect(moved!.parsed.subject).toMatch(/^موعد جديد: /);
  });
});

describe('changing the number of adults', () => {
  it('grows only into free seats, and a smaller booking gives its seat to the waitlist', async () => {
    const sessionId = await createSession(portal.db, { capacity: 2, startsAt: at(10) });
    const lina = await book(portal.db, sessionId, { email: 'lina.adults@example.fr' });
    const omar = await book(portal.db, sessionId, { email: 'omar.adults@example.fr' });
    const waiting = await book(portal.db, sessionId, { email: 'sami.adults@example.fr' });
    expect(waiting.registration.status).toBe('waitlisted');

    const full = await patch(lina.manageToken, { adults: 2 });
    expect(full.status).toBe(409);
    expect(full.json().error).toBe('Il ne reste pas assez de places pour un adulte de plus à cette date.');
    expect((await patch(lina.manageToken, { adults: 3 })).json()).toMatchObject({ errors: { adults: 'Choisissez 1 ou 2 adultes.' } });

    // The session is full: Omar cannot bring a second adult, from the page either.
    const web2 = await web.postForm(`/r/${omar.manageToken}`, { action: 'adults', adults: '2' });
    expect(web2.location).toBe(`/r/${omar.manageToken}?adultes=complet#change-title`);
    expect((await web.get(web2.location!)).text).toContain('Il ne reste pas assez de places pour un adulte de plus à cette date.');

    // Lina leaves: her seat goes to the waitlist, not to Omar's second adult.
    await web.request('DELETE', `/api/v1/manage/${lina.manageToken}`);
    expect((await getRegistration(portal.db, waiting.registration.id))?.status).toBe('confirmed');
    expect((await patch(omar.manageToken, { adults: 2 })).status).toBe(409);

    // Omar leaves too: Sami, now seated, can bring a second adult into the free seat.
    await web.request('DELETE', `/api/v1/manage/${omar.manageToken}`);
    const grown = await web.postForm(`/r/${waiting.manageToken}`, { action: 'adults', adults: '2' });
    expect(grown.location).toBe(`/r/${waiting.manageToken}?adultes=1`);
    expect((await web.get(grown.location!)).text).toContain('vous serez 2 adultes.');
    expect((await getRegistration(portal.db, waiting.registration.id))?.adults).toBe(2);
  });

  it('frees a seat for the head of the waitlist when a booking shrinks', async () => {
    const sessionId = await createSession(portal.db, { capacity: 2, startsAt: at(11) });
    const couple = await book(portal.db, sessionId, { adults: 2 });
    const next = await book(portal.db, sessionId, {});
    expect(next.registration.status).toBe('waitlisted');
    const res = await patch(couple.manageToken, { adults: 1 });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ registration: { adults: 1 } });
    expect((await getRegistration(portal.db, next.registration.id))?.status).toBe('confirmed');
  });
});
