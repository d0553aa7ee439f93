// Ligue workshops over the next eight weeks, all run by the demo animator: filling up as the
// date nears, a few nearly full, exactly one full with a waiting list, one cancelled.
import type { SessionRow } from './city';
import type { SeedContext } from './context';
import { addDays, DAY_MS } from './days';
import { addParentBooking, fillSeats } from './bookings';
import { addSession } from './schedule';
import type { DemoSchool } from './schools';
import { PARENT_TRACKS, pickHost, workshopTimes } from './workshops';
import { neighbourhoodVenue, parentNotes, schoolVenue } from './venues';

export const UPCOMING_WORKSHOPS = 42;
const HORIZON_DAYS = 55;

type Fill = 'normal' | 'nearly-full' | 'full';

function addUpcomingWorkshop(ctx: SeedContext, i: number, fill: Fill): { session: SessionRow; host: DemoSchool } {
  const { random, today } = ctx;
  let host = pickHost(ctx);
  // The full one is where demand is highest: a priority school, in French and Arabic.
  while (fill === 'full' && !host.priority) host = pickHost(ctx);
  const atSchool = random.chance(0.75);
  const target = addDays(today, 1 + Math.floor((i * HORIZON_DAYS) / UPCOMING_WORKSHOPS));
  const notes = parentNotes(random, host);
  const session = addSession(ctx, {
    track: random.weighted(PARENT_TRACKS),
    slot: ctx.agenda.book({
      ...workshopTimes(ctx, atSchool),
      target,
      from: addDays(today, 1),
      to: addDays(today, HORIZON_DAYS),
      trainers: [ctx.staff.ligueDemo],
    }),
    venue: atSchool ? schoolVenue(host) : neighbourhoodVenue(random, host),
    capacity: random.int(10, 16),
    notes: fill === 'full' ? { ...notes, languages: ['fr', 'ar'], interpreterNote: '' } : notes,
  });
  return { session, host };
}

function seatsFor(ctx: SeedContext, session: SessionRow, fill: Fill): number {
  if (fill === 'full') return session.capacity;
  if (fill === 'nearly-full') return session.capacity - ctx.random.int(1, 2);
  // Bookings come in as the date nears.
  const daysAhead = (session.startsAt - ctx.now) / DAY_MS;
  const share = 0.75 - (daysAhead / 56) * 0.55 + (ctx.random.next() - 0.5) * 0.2;
  return Math.max(0, Math.min(session.capacity - 3, Math.floor(share * session.capacity)));
}

export function seedUpcomingWorkshops(ctx: SeedContext) {
  const { random, now } = ctx;
  const full = random.int(2, 8);
  const nearlyFull = new Set<number>();
  while (nearlyFull.size < 4) nearlyFull.add(random.int(0, UPCOMING_WORKSHOPS - 1));
  nearlyFull.delete(full);
  for (let i = 0; i < UPCOMING_WORKSHOPS; i++) {
    const fill: Fill = i === full ? 'full' : nearlyFull.has(i) ? 'nearly-full' : 'normal';
    const { session, host } = addUpcomingWorkshop(ctx, i, fill);
    // Seats went first; the waiting list formed in the last three days.
    const bookedAt = () => random.int(session.createdAt, now - 3 * DAY_MS);
    fillSeats(ctx, session, host, seatsFor(ctx, session, fill), bookedAt);
    if (fill === 'full') {
      for (let w = 0; w < 3; w++) {
        addParentBooking(ctx, session, host, {
          status: 'waitlisted',
          adults: 1,
          createdAt: now - (3 - w) * DAY_MS + random.int(1, 12) * 3_600_000,
        });
      }
    }
  }
  addCancelledWorkshop(ctx);
}

// A session called off: it stays visible to those who booked, with the reason.
function addCancelledWorkshop(ctx: SeedContext) {
  const { session } = addUpcomingWorkshop(ctx, ctx.random.int(5, 30), 'normal');
  session.status = 'cancelled';
  session.cancelReason = "L'animatrice est absente ce jour-là : l'atelier est reporté, une nouvelle date sera proposée.";
  session.changeCount = 1;
}
