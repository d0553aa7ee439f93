// The region layout of README "Several instances": a sqld primary on its own, and on each app
// machine an instance beside its own replica (reads served locally, every write and every
// transaction forwarded to the primary). Seats are still taken once, mail still leaves once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../helpers/auth';
import { expectTenSeatsEveryMailOnce, startScaleOut, type ScaleOut } from '../helpers/scale-out';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

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
});
