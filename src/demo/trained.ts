// Who among a school's teachers has been trained for each kind, chosen so that readiness
// (DESIGN rule 5) shows a realistic mix: some schools ready, many in progress, some at risk.
import type { EquipmentKind } from '~db/schema';
import { isPressing } from '~/features/readiness/readiness';
import type { Random } from './random';
import type { SchoolPlan } from './rollouts';

// Teacher posts (0 … headcount − 1) trained, per kind.
export type TrainedPosts = Map<EquipmentKind, number[]>;

type Profile = 'ready' | 'in-progress' | 'at-risk';

function trainedCounts(random: Random, plan: SchoolPlan, today: string): Map<EquipmentKind, number> {
  const t = plan.school.teachers;
  const share = (f: number) => Math.ceil(f * t);
  const between = (lo: number, hi: number) => random.int(Math.min(lo, hi), Math.max(lo, hi));
  // Only kinds delivered or due soon count for the status (DESIGN rule 5).
  const relevant = plan.kinds.filter((k) => isPressing(k, today));
  const result = new Map<EquipmentKind, number>();
  if (!relevant.length) {
    // Equipment months away: a few early volunteers at most.
    const early = random.chance(0.5);
    for (const k of plan.kinds) result.set(k.kind, early ? between(0, Math.floor(0.3 * t)) : 0);
    return result;
  }
  const profile =
    plan.stage === 'due-soon'
      ? random.weighted<Profile>([
          ['in-progress', 35],
          ['at-risk', 65],
        ])
      : random.weighted<Profile>([
          ['ready', 24],
          ['in-progress', 48],
          ['at-risk', 28],
        ]);
  const tablet = relevant.find((k) => k.kind === 'tablet');
  const weakest = profile === 'at-risk' && tablet && random.chance(0.6) ? tablet : random.pick(relevant);
  for (const k of plan.kinds) {
    let n: number;
    if (!relevant.includes(k)) n = between(0, Math.floor(0.4 * t));
    else if (profile === 'ready') n = between(share(0.8), t);
    else if (k === weakest && profile === 'in-progress') n = between(share(0.5), share(0.8) - 1);
    else if (k === weakest) n = between(0, share(0.5) - 1);
    else n = between(share(profile === 'in-progress' ? 0.5 : 0.3), t);
    result.set(k.kind, n);
  }
  return result;
}

// The same keen teachers tend to go to every training: each kind takes the head of a lightly
// shuffled copy of one order.
export function chooseTrainedPosts(random: Random, plan: SchoolPlan, today: string): TrainedPosts {
  const t = plan.school.teachers;
  const order = random.shuffle(Array.from({ length: t }, (_, i) => i));
  const posts: TrainedPosts = new Map();
  for (const [kind, n] of trainedCounts(random, plan, today)) {
    const copy = [...order];
    for (let swaps = Math.ceil(t / 3); swaps > 0; swaps--) {
      const i = random.int(0, t - 2);
      [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
    }
    posts.set(kind, copy.slice(0, n));
  }
  return posts;
}
