// When a teacher's training needs the inspector's (IEN) approval: a track that asks for it,
// on a date in school time (a substitute must be found). School holidays are not known here,
// so a date in the holidays counts as school time (the IEN approves it at once).
import { utcToParisLocal } from '~/platform/text/dates';
import type { NewDate } from './course-dates';

// Paris wall-clock school hours: Monday, Tuesday, Thursday, Friday all day, Wednesday morning.
const SCHOOL_HOURS: Record<number, [string, string] | undefined> = {
  1: ['08:30', '16:30'],
  2: ['08:30', '16:30'],
  3: ['08:30', '11:30'],
  4: ['08:30', '16:30'],
  5: ['08:30', '16:30'],
};

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

// A slot is in school time when it overlaps the school hours of its (Paris) day.
export function inSchoolTime(slot: NewDate): boolean {
  const start = utcToParisLocal(slot.startsAt);
  const end = utcToParisLocal(slot.endsAt);
  const hours = SCHOOL_HOURS[weekday(start.date)];
  if (!hours) return false;
  const endTime = end.date === start.date ? end.time : '24:00';
  return start.time < hours[1] && endTime > hours[0];
}

// A course needs the approval when any of its dates still held falls in school time.
export function needsApproval(dates: (NewDate & { status?: string })[]): boolean {
  return dates.some((d) => d.status !== 'cancelled' && inSchoolTime(d));
}

export type ApprovalDecision = 'approve' | 'refuse';

export function parseDecision(value: unknown): ApprovalDecision | null {
  return value === 'approve' || value === 'refuse' ? value : null;
}
