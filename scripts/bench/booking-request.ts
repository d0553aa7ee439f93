// The booking the load generator sends (booking.ts, server-cpu.ts, sqld-writers.ts): a different
// person each time, from their own address (behind a proxy, as in production), at the session
// `path` picks for that person, so bookings spread over many sessions like real traffic.
import type autocannon from 'autocannon';

let person = 0;

export function bookingRequest(path: (n: number) => string, firstName = 'P') {
  return {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: autocannon.Request) => {
      const n = ++person;
      return {
        ...req,
        headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        path: path(n),
        body: JSON.stringify({
          firstName: `${firstName}${n}`,
          lastName: 'Bench',
          phone: `06${String(10_000_000 + n).slice(-8)}`,
          consent: true,
        }),
      };
    },
  };
}
