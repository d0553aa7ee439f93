// Seats and waitlist: the one place these numbers are computed (DESIGN rules 1 and 3).
// The booking statement in registration.ts applies the same rule inside SQL.

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

// A booking of `adults` seats is confirmed when it fits entirely, and only if nobody is
// already waiting: arrivals never overtake the waitlist.
export function fitsNow(capacity: number, confirmedSeats: number, adults: number, waitlistLength: number): boolean {
  return waitlistLength === 0 && confirmedSeats + adults <= capacity;
}

// Strict arrival order: promote the longest head of the waitlist that fits in the free seats.
export function promotableHead<T extends { adults: number }>(waitlist: T[], freeSeats: number): T[] {
  const promoted: T[] = [];
  let left = freeSeats;
  for (const entry of waitlist) {
    if (entry.adults > left) break;
    promoted.push(entry);
    left -= entry.adults;
  }
  return promoted;
}

// Position on the waitlist, 1-based, among entries ordered by arrival.
export function waitlistPosition(ordered: { id: number }[], id: number): number | null {
  const i = ordered.findIndex((e) => e.id === id);
  return i < 0 ? null : i + 1;
}

export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
