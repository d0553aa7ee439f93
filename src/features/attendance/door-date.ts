// Which date of a course the door page opens on, and how it names it. No I/O.
import { attendanceOpensAt } from './attendance-rules';
import { utcToParisLocal } from '~/platform/text/dates';

export interface DoorDate {
  id: number;
  startsAt: number;
  endsAt: number;
  status: 'scheduled' | 'cancelled';
}

// Today's date (the one under way or the first of the day when there are two), else the last
// one already open (the sheet filled in later from paper), else the next one.
export function defaultDoorDate<T extends DoorDate>(dates: T[], now = Date.now()): T | undefined {
  const held = dates.filter((d) => d.status === 'scheduled').sort((a, b) => a.startsAt - b.startsAt);
  const open = held.filter((d) => now >= attendanceOpensAt(d.startsAt));
  const day = utcToParisLocal(now).date;
  const today = open.filter((d) => utcToParisLocal(d.startsAt).date === day);
  if (today.length) return today.filter((d) => d.startsAt <= now).at(-1) ?? today[0];
  return open.at(-1) ?? held[0] ?? dates.at(-1);
}

// The date a `?seance=` asks for when it is one of the course's, else the default.
export function doorDateOf<T extends DoorDate>(dates: T[], asked: unknown, now = Date.now()): T | undefined {
  const id = Number(asked);
  return dates.find((d) => d.id === id) ?? defaultDoorDate(dates, now);
}

// "Séance 2 sur 3": its place among the dates still held (a cancelled one has none).
export function datePosition(dates: DoorDate[], date: DoorDate): { n: number; of: number } | null {
  const held = dates.filter((d) => d.status === 'scheduled').sort((a, b) => a.startsAt - b.startsAt);
  const n = held.findIndex((d) => d.id === date.id);
  return n < 0 ? null : { n: n + 1, of: held.length };
}
