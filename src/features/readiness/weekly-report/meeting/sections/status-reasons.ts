// Why a school's status moved since the week before, in facts staff can check: what was
// delivered, what came within the 30-day window, who was trained, how readiness moved.
import { DUE_WINDOW_DAYS } from '~/features/readiness/readiness';
import type { SchoolReadinessRow } from '~/features/readiness/readiness.server';
import { addDays } from '~/platform/text/dates';
import type { ReportContext } from '../context.server';

export type ChangeReason =
  | { reason: 'delivered'; kind: string; quantity: number; on: string }
  | { reason: 'due'; kind: string; quantity: number; on: string }
  | { reason: 'trained'; teachers: number }
  | { reason: 'readiness'; from: number | null; to: number }
  | { reason: 'equipment' };

type Ctx = Pick<ReportContext, 'from' | 'today' | 'fromMs' | 'history'>;

// `before` is the school's state at the end of the week before (null: not known then).
export function reasonsFor(ctx: Ctx, school: SchoolReadinessRow, before: { status: string; readiness: number } | null): ChangeReason[] {
  const why: ChangeReason[] = [];
  const lastDay = addDays(ctx.from, -1);
  // With no equipment then, every line due now is new since.
  const nothingBefore = !before || before.status === 'no-equipment';
  const readinessBefore = before?.readiness ?? null;
  for (const e of school.equipment) {
    if (e.deliveredOn && e.deliveredOn > lastDay && e.deliveredOn <= ctx.today)
      why.push({ reason: 'delivered', kind: e.kind, quantity: e.quantity, on: e.deliveredOn });
    else if (
      !e.deliveredOn &&
      e.plannedOn &&
      e.plannedOn <= addDays(ctx.today, DUE_WINDOW_DAYS) &&
      (nothingBefore || e.plannedOn > addDays(lastDay, DUE_WINDOW_DAYS))
    )
      why.push({ reason: 'due', kind: e.kind, quantity: e.quantity, on: e.plannedOn });
  }
  const trained = new Set(ctx.history.firstTrained.filter((t) => t.uai === school.uai && t.at >= ctx.fromMs).map((t) => t.teacherId));
  if (trained.size) why.push({ reason: 'trained', teachers: trained.size });
  const now = Math.round(school.readiness * 1000) / 1000;
  const was = readinessBefore === null ? null : Math.round(readinessBefore * 1000) / 1000;
  if (was !== now) why.push({ reason: 'readiness', from: was, to: now });
  if (!why.length) why.push({ reason: 'equipment' });
  return why;
}
