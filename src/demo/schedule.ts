// Placing sessions in time: school days, Paris wall-clock slots, inside the window asked for
// (the last 18 months, the next 8 weeks), and never two sessions for one trainer at once.
import type { SessionRow, UserRow } from './city';
import type { SeedContext } from './context';
import { addDays, DAY_MS, isSchoolDay, parisInstant, weekday } from './days';
import type { Venue } from './venues';

export const WEDNESDAY = 3;
export const WEEKDAYS = [1, 2, 3, 4, 5];

export interface SlotRequest {
  target: string;
  weekdays: readonly number[];
  // Start times in order of preference ("09:00").
  times: readonly string[];
  from: string;
  to: string;
  trainers: readonly UserRow[];
}

export interface Slot {
  day: string;
  time: string;
  trainer: UserRow;
}

// Days to try: the target and after it up to `to`, then before it down to `from`.
function* candidateDays(r: SlotRequest) {
  const start = r.target < r.from ? r.from : r.target > r.to ? r.to : r.target;
  for (let day = start; day <= r.to; day = addDays(day, 1)) yield day;
  for (let day = addDays(start, -1); day >= r.from; day = addDays(day, -1)) yield day;
}

const halfDay = (time: string) => (time < '12:00' ? 'am' : time < '16:30' ? 'pm' : 'eve');

// Each trainer's busy half-days.
export class Agenda {
  private readonly taken = new Set<string>();

  // Preferred weekdays in school time first; then any weekday; then holidays too (a window
  // that falls in the summer break still gets its sessions, as holiday workshops).
  book(r: SlotRequest): Slot {
    const passes = [
      (day: string) => r.weekdays.includes(weekday(day)) && isSchoolDay(day),
      (day: string) => isSchoolDay(day),
      (day: string) => WEEKDAYS.includes(weekday(day)),
    ];
    for (const allowed of passes) {
      for (const day of candidateDays(r)) {
        if (allowed(day)) {
          const slot = this.take(day, r);
          if (slot) return slot;
        }
      }
    }
    throw new Error(`No free slot for a demo session between ${r.from} and ${r.to}`);
  }

  private take(day: string, r: SlotRequest): Slot | null {
    for (const time of r.times) {
      for (const trainer of r.trainers) {
        const key = `${trainer.id}:${day}:${halfDay(time)}`;
        if (this.taken.has(key)) continue;
        this.taken.add(key);
        return { day, time, trainer };
      }
    }
    return null;
  }
}

export interface NewSession {
  track: string;
  slot: Slot;
  venue: Venue;
  capacity: number;
  notes?: Partial<Pick<SessionRow, 'languages' | 'interpreterNote' | 'childcareNote' | 'accessibilityNote'>>;
}

export function addSession(ctx: SeedContext, s: NewSession): SessionRow {
  const track = ctx.tracks.get(s.track);
  if (!track) throw new Error(`Unknown demo track ${s.track}`);
  const startsAt = parisInstant(s.slot.day, s.slot.time);
  // Sessions are announced three to six weeks ahead, and at least a few days before "now".
  const createdAt = Math.min(ctx.now - ctx.random.int(5, 15) * DAY_MS, startsAt - ctx.random.int(21, 42) * DAY_MS);
  return ctx.city.addSession({
    trackId: track.id,
    organisationId: ctx.orgIds[track.org],
    trainerId: s.slot.trainer.id,
    title: track.title,
    audience: track.audience,
    startsAt,
    endsAt: startsAt + track.durationMinutes * 60_000,
    ...s.venue,
    capacity: s.capacity,
    languages: s.notes?.languages ?? ['fr'],
    interpreterNote: s.notes?.interpreterNote ?? '',
    childcareNote: s.notes?.childcareNote ?? '',
    accessibilityNote: s.notes?.accessibilityNote ?? '',
    status: 'scheduled',
    cancelReason: null,
    changeCount: 0,
    createdAt,
  });
}
