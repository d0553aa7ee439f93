// The region layout of README "Several instances": a sqld primary on its own, and on each app
// machine an instance beside its own replica (reads served locally, every write and every
// transaction forwarded to the primary). Seats are still taken once, mail still leaves once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '~/platform/db/db.server';
import { Client, createAccounts, signedIn } from '../helpers/auth';
import { expectTenSeatsEveryMailOnce, startScaleOut, type ScaleOut } from '../helpers/scale-out';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

const tokenOf = (manageUrl: string) => manageUrl.split('/r/')[1]!;

async function registrationOn(url: string, id: number) {
  const replica = openDb(url);
  try {
    for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 10))) {
      const found = await replica.$client.execute({ sql: 'select 1 from registrations where id = ?', args: [id] });
      if (found.rows.length) return;
      if (Date.now() > deadline) throw new Error(`registration ${id} never reached ${url}`);
    }
  } finally {
    replica.$client.close();
  }
}

describe('two instances, each on its own replica of one primary', () => {
  let smtp: TestSmtp;
  let scale: ScaleOut;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Both start at once on empty replicas: their migrations go to the primary.
    scale = await startScaleOut({ instances: 2, replicas: true, env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await scale?.stop();
    await smtp?.stop();
  });

  it('the instances talk to two replicas, not to the primary', () => {
    expect(scale.topology.replicas).toHaveLength(2);
    expect(scale.topology.urls).not.toContain(scale.topology.primary.url);
    expect(new Set(scale.topology.urls).size).toBe(2);
  });

  it('200 simultaneous bookings split across both for 10 seats: 10 confirmed, 190 waitlisted, every mail once', { timeout: 90_000 }, () =>
    expectTenSeatsEveryMailOnce(scale, smtp),
  );

  // The booking form redirects to the manage page, which the same instance reads from its
  // replica at once, often before the replica has applied the booking (README "Several instances").
  it('a parent who books with the form lands on their booking, whichever replica answers', { timeout: 60_000 }, async () => {
    const sessionId = await createSession(scale.db, { capacity: 30 });
    await scale.published(sessionId);
    for (let i = 0; i < 30; i++) {
      const browser = new Client(scale.servers[i % 2]!.url);
      const booked = await browser.postForm(`/sessions/${sessionId}`, {
        firstName: `Formulaire${i}`,
        lastName: 'Réplique',
        phone: `06 45 00 00 ${String(i).padStart(2, '0')}`,
        consent: 'on',
        adults: '1',
      });
      expect(booked.status, booked.text).toBe(303);
      expect(booked.location).toMatch(/\/r\/[a-z2-7]+\?nouveau=1$/);
      const page = await browser.get(booked.location!);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Formulaire${i}`);
    }
  });

  // A write and the answer that reads it back go through the same instance, whose replica may
  // not have the write yet: every answer must show it (src/platform/db/own-writes.ts).
  it('a parent who cancels through the manage link is told it is cancelled, by the API and by the page', { timeout: 60_000 }, async () => {
    const sessionId = await createSession(scale.db, { capacity: 40 });
    await scale.published(sessionId);
    for (let i = 0; i < 30; i++) {
      const client = new Client(scale.servers[i % 2]!.url);
      const booked = await client.postJson(`/api/v1/sessions/${sessionId}/registrations`, {
        firstName: `Annule${i}`,
        lastName: 'Réplique',
        phone: `06 46 00 00 ${String(i).padStart(2, '0')}`,
        consent: true,
      });
      expect(booked.status, booked.text).toBe(201);
      const token = tokenOf(booked.json<{ registration: { manageUrl: string } }>().registration.manageUrl);
      if (i % 3) {
        const cancelled = await client.request('DELETE', `/api/v1/manage/${token}`);
        expect(cancelled.status, cancelled.text).toBe(200);
        expect(cancelled.json<{ registration: { status: string } }>().registration.status).toBe('cancelled');
      } else {
        const form = await client.postForm(`/r/${token}`, { action: 'cancel', confirm: 'yes' });
        expect(form.status, form.text).toBe(303);
        expect(form.location).toMatch(/\?annule=1$/);
        const page = await client.get(form.location!);
        expect(page.status).toBe(200);
        expect(page.text).toContain('Réservation annulée');
      }
    }
    const live = await scale.db.$client.execute({
      sql: "select count(*) as n from registrations where session_id = ? and status <> 'cancelled'",
      args: [sessionId],
    });
    expect(Number(live.rows[0]!.n)).toBe(0);
  });

  it('a trainer signed in through either instance sees every attendance mark it makes', { timeout: 90_000 }, async () => {
    const people = await createAccounts(scale.db);
    const sessionId = await createSession(scale.db, { startsAt: Date.now() + 10 * 60_000, capacity: 40 });
    await scale.published(sessionId);
    const trainers = await Promise.all(scale.servers.map((s) => signedIn(s.url, people.trainer.email)));
    const put = (t: Client, id: number, body: unknown) =>
      t.request('PUT', `/api/v1/registrations/${id}/attendance`, {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    for (let i = 0; i < 20; i++) {
      const trainer = trainers[i % 2]!;
      const booked = await new Client(scale.servers[i % 2]!.url).postJson(`/api/v1/sessions/${sessionId}/registrations`, {
        firstName: `Présent${i}`,
        lastName: 'Réplique',
        phone: `06 47 00 00 ${String(i).padStart(2, '0')}`,
        consent: true,
      });
      expect(booked.status, booked.text).toBe(201);
      const id = booked.json<{ registration: { id: number } }>().registration.id;
      // The trainer marks someone the roster shows: the booking has reached that replica.
      await registrationOn(scale.topology.replicas[i % 2]!.url, id);
      const present = await put(trainer, id, { present: true });
      expect(present.status, present.text).toBe(200);
      expect(present.json<{ attendance: unknown }>().attendance).toMatchObject({ registrationId: id, present: true });
      const absent = await put(trainer, id, { present: false });
      expect(absent.status, absent.text).toBe(200);
      expect(absent.json<{ attendance: unknown }>().attendance).toMatchObject({ registrationId: id, present: false });
    }
  });
});
