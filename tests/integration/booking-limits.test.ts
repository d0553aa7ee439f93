// Booking rate limits (per person and per address), counted in the database.
import { expect, it } from 'vitest';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

const portal = testPortal({ env: { RATE_LIMIT: 'on' } });

it('one phone number cannot book more than 10 times an hour: 429 with Retry-After, nothing written', async () => {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 11; i++) {
    const id = await createSession(portal.db);
    last = await fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Amina', lastName: 'Benali', phone: '06 12 34 56 78', consent: true }),
    });
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
  expect(statuses[10]).toBe(429);
  expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await last!.json()) as { error: string }).error).toMatch(/\w/);
  const rs = await portal.db.$client.execute(`select count(*) as n from registrations where phone = '+33612345678'`);
  expect(Number(rs.rows[0]!.n)).toBe(10);
});

it('the booking form says so in words, keeping what was typed', async () => {
  const id = await createSession(portal.db);
  const form = new URLSearchParams({ firstName: 'Amina', lastName: 'Benali', phone: '0612345678', consent: 'on' });
  const res = await fetch(`${portal.url}/sessions/${id}`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(429);
  const html = await res.text();
  expect(html).toContain('Trop de demandes');
  expect(html).toContain('value="Amina"');
});
