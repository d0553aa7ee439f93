// One page of a session's roster for its trainer: the people a search finds (by name or
// booking code, as at the door), in roster order, a page at a time, with how many there are
// in each state. No I/O: the roster is read whole (a session has at most a few hundred
// people, a thousand at the very most) and cut here.
import { matchesQuery } from '~/features/attendance/attendance-rules';
import { pageWindow, type PageWindow } from '~/platform/http/paging';
import type { RosterEntry } from './roster.server';

// 50 people a page keeps a page of a big session well under 100 KB (docs/benchmarks.md).
export const ROSTER_PAGE_SIZE = 50;

export interface RosterPage {
  entries: RosterEntry[];
  total: number;
  window: PageWindow;
  // People found in each state (the page shows some of them).
  counts: Record<RosterEntry['status'], number>;
}

export function rosterPage(
  roster: RosterEntry[],
  { query = '', page }: { query?: string; page?: unknown },
  size = ROSTER_PAGE_SIZE,
): RosterPage {
  const found = query.trim() ? roster.filter((e) => !e.erased && matchesQuery(e, query)) : roster;
  const window = pageWindow(found.length, page, size);
  const counts = { confirmed: 0, waitlisted: 0, cancelled: 0 };
  for (const e of found) counts[e.status]++;
  return { entries: found.slice(window.offset, window.offset + window.size), total: found.length, window, counts };
}
