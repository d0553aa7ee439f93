// Past Ligue workshops for parents over the last 18 months, mostly in priority-education
// schools, with attendance; bookings older than the retention delay are anonymous.
import { config } from '~/platform/config/config';
import type { SeedContext } from './context';
import { addDays, DAY_MS } from './days';
import { addParentBooking, fillSeats } from './bookings';
import { addSession, WEDNESDAY } from './schedule';
import type { DemoSchool } from './schools';
import { neighbourhoodVenue, parentNotes, schoolVenue } from './venues';

export const PAST_WORKSHOPS = 320;

export const PARENT_TRACKS: [string, number][] = [
  ['espace-numerique-ecole', 35],
  ['tablettes-maison', 20],
  ['ecrans-securite', 25],
  ['premiers-pas-smartphone', 20],
];

// At school: after drop-off, early afternoon, at pick-up. Elsewhere: Wednesdays, no school.
export function workshopTimes(ctx: SeedContext, atSchool: boolean) {
  return atSchool
    ? { weekdays: [1, 2, 4, 5], times: ctx.random.shuffle(['08:45', '09:00', '13:45', '14:00', '16:45']) }
    : { weekdays: [WEDNESDAY], times: ctx.random.shuffle(['09:30', '10:00', '14:00']) };
}

// Priority-education schools host most workshops: that is where the Ligue is asked to go.
export function pickHost(ctx: SeedContext): DemoSchool {
  return ctx.random.weighted(ctx.schools.map((s) => [s, s.priority ? 4 : 1] as const));
}

function addWorkshop(ctx: SeedContext) {
  const { random, today, now } = ctx;
  const host = pickHost(ctx);
  const atSchool = random.chance(0.75);
  const session = addSession(ctx, {
    track: random.weighted(PARENT_TRACKS),
    slot: ctx.agenda.book({
      ...workshopTimes(ctx, atSchool),
      target: addDays(today, -random.int(1, 540)),
      from: addDays(today, -540),
      to: addDays(today, -1),
      trainers: random.shuffle([...ctx.staff.ligueTrainers]),
    }),
    venue: atSchool ? schoolVenue(host) : neighbourhoodVenue(random, host),
    capacity: random.int(10, 16),
    notes: parentNotes(random, host),
  });
  // What the retention job would have done by now (DESIGN rule 6).
  const erasedAt = session.endsAt + config.retentionDays * DAY_MS <= now ? session.endsAt + config.retentionDays * DAY_MS : null;
  const bookedAt = () => session.startsAt - random.int(1, 20) * DAY_MS;
  const seats = random.int(Math.ceil(session.capacity * 0.5), session.capacity);
  for (const booking of fillSeats(ctx, session, host, seats, bookedAt, erasedAt)) {
    ctx.city.markAttendance(booking, random.chance(0.78), session.trainerId, session.endsAt - random.int(0, 30) * 60_000);
  }
  if (random.chance(0.3)) {
    addParentBooking(ctx, session, host, { status: 'cancelled', adults: 1, createdAt: bookedAt(), erasedAt });
  }
}

export function seedPastWorkshops(ctx: SeedContext) {
  for (let i = 0; i < PAST_WORKSHOPS; i++) addWorkshop(ctx);
}
