// Seats and waitlist as people see them (DESIGN rules 1 and 3). Taking a seat and promoting
// from the waitlist happen inside SQL (book-seat.server.ts, waitlist.server.ts), where they are atomic.

export function seatsLeft(capacity: number, confirmedSeats: number): number {
  return Math.max(0, capacity - confirmedSeats);
}

export type Availability = 'open' | 'almost-full' | 'waitlist' | 'closed';

export function availability(
  session: { capacity: number; status: string; startsAt: number },
  confirmedSeats: number,
  now = Date.now(),
): Availability {
  if (session.status !== 'scheduled' || session.startsAt <= now) return 'closed';
  const left = seatsLeft(session.capacity, confirmedSeats);
  if (left === 0) return 'waitlist';
  if (left <= Math.max(2, Math.ceil(session.capacity * 0.15))) return 'almost-full';
  return 'open';
}

export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
