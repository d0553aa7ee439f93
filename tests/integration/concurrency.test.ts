// DESIGN rule 1 under load: many people at once, a few seats, never one seat too many.
import { expect, it } from 'vitest';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

const portal = testPortal();

it('100 simultaneous bookings for 10 seats confirm exactly 10 and waitlist 90 in order', async () => {
  const id = await createSession(portal.db, { capacity: 10 });
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Test', phone: `06${String(10000000 + i)}`, consent: true }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    ),
  );
  expect(results.every((r) => r.status === 201)).toBe(true);
  const statuses = results.map((r) => r.body.registration.status);
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(90);
  const rows = await portal.db.$client.execute({
    sql: `select status, count(*) as n, coalesce(sum(adults), 0) as seats from registrations where session_id = ? group by status`,
    args: [id],
  });
  const byStatus = Object.fromEntries(rows.rows.map((r) => [String(r.status), Number(r.seats)]));
  expect(byStatus).toEqual({ confirmed: 10, waitlisted: 90 });
  // Positions on the waitlist are 1..90 with no gaps or repeats.
  const positions = results.map((r) => r.body.registration.waitlistPosition).filter((p) => p != null);
  expect(new Set(positions).size).toBe(90);
  expect(Math.max(...positions)).toBe(90);

  // The same 100 people again, at once: nobody gets a second registration.
  const again = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      fetch(`${portal.url}/api/v1/sessions/${id}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ firstName: `Parent${i}`, lastName: 'Test', phone: `06${String(10000000 + i)}`, consent: true }),
      }).then((r) => r.status),
    ),
  );
  expect(again.every((s) => s === 200)).toBe(true);
  const total = await portal.db.$client.execute({ sql: 'select count(*) as n from registrations where session_id = ?', args: [id] });
  expect(Number(total.rows[0]!.n)).toBe(100);
});
