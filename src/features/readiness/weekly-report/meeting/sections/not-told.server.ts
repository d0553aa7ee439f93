// People a change of the week (a session moved or cancelled, a promotion, a trainer's message)
// could not reach, and whether their trainer has called them since. The report names them by
// first name and initial only: the phone numbers stay on the trainer's call list.
import { inArray } from 'drizzle-orm';
import { sessions } from '~db/schema';
import { toParisIso } from '~/platform/text/dates';
import { untoldBetween } from '~/features/notices/notices.server';
import type { UntoldReason } from '~/features/notices/reach';
import type { ReportContext } from '../context.server';

export interface NotToldPerson {
  sessionId: number;
  session: string;
  sessionStartsAt: string;
  change: string;
  person: string;
  reason: UntoldReason;
  calledAt: string | null;
}

export interface NotTold {
  people: NotToldPerson[];
  byReason: Partial<Record<UntoldReason, number>>;
  called: number;
}

const initials = (first: string | null, last: string | null) =>
  [first?.trim(), last?.trim() ? `${last.trim()[0]!.toUpperCase()}.` : ''].filter(Boolean).join(' ') || '—';

export async function notToldSection(ctx: ReportContext): Promise<NotTold> {
  const untold = await untoldBetween(ctx.db, ctx.fromMs, ctx.toMs);
  const ids = [...new Set(untold.map((n) => n.sessionId))];
  const list = ids.length
    ? await ctx.db
        .select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt })
        .from(sessions)
        .where(inArray(sessions.id, ids))
    : [];
  const byId = new Map(list.map((s) => [s.id, s]));
  const people = untold
    .map((n) => ({
      sessionId: n.sessionId,
      session: byId.get(n.sessionId)?.title ?? '',
      sessionStartsAt: toParisIso(byId.get(n.sessionId)?.startsAt ?? 0),
      change: n.kind,
      person: initials(n.firstName, n.lastName),
      reason: n.reason!,
      calledAt: n.calledAt === null ? null : toParisIso(n.calledAt),
    }))
    .sort((a, b) => a.sessionStartsAt.localeCompare(b.sessionStartsAt) || a.person.localeCompare(b.person, 'fr'));
  const byReason: NotTold['byReason'] = {};
  for (const p of people) byReason[p.reason] = (byReason[p.reason] ?? 0) + 1;
  return { people, byReason, called: people.filter((p) => p.calledAt).length };
}
