// Schools whose status changed since the end of the week before, and why: equipment delivered
// or coming due within the 30-day window, teachers trained, equipment added or removed.
import type { SchoolStatus } from '~/features/readiness/readiness';
import { STATUSES } from '~/features/readiness/readiness-views';
import type { ReportContext } from '../context.server';
import { reasonsFor, type ChangeReason } from './status-reasons';

export interface StatusChange {
  uai: string;
  school: string;
  arrondissement: number;
  priorityEducation: 'REP' | 'REP+' | null;
  from: SchoolStatus | null;
  to: SchoolStatus;
  readinessBefore: number | null;
  readiness: number;
  why: ChangeReason[];
}

export interface StatusChanges {
  since: string;
  // Whether "before" is the archived report of that week, or rebuilt from today's data.
  archived: boolean;
  changes: StatusChange[];
}

const RANK = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<SchoolStatus, number>;

export function statusChangesSection(ctx: ReportContext): StatusChanges {
  const changes = ctx.schools
    .map((s): StatusChange | null => {
      const before = ctx.before.states.get(s.uai);
      if (before?.status === s.status) return null;
      return {
        uai: s.uai,
        school: s.name,
        arrondissement: s.arrondissement,
        priorityEducation: s.priorityEducation,
        from: before?.status ?? null,
        to: s.status,
        readinessBefore: before ? Math.round(before.readiness * 1000) / 1000 : null,
        readiness: Math.round(s.readiness * 1000) / 1000,
        why: reasonsFor(ctx, s, before ?? null),
      };
    })
    .filter((c): c is StatusChange => c !== null)
    .sort((a, b) => RANK[a.to] - RANK[b.to] || a.school.localeCompare(b.school, 'fr'));
  return { since: ctx.before.isoWeek, archived: ctx.before.archived, changes };
}
