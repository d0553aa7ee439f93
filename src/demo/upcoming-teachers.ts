// Drane trainings over the next eight weeks, all run by the demo trainer, placed where
// equipment is arriving or teachers lag behind, and booked by teachers not yet trained.
import type { EquipmentKind } from '~db/schema';
import { addTeacherBooking } from './bookings';
import type { SeedContext } from './context';
import { addDays, DAY_MS } from './days';
import type { SchoolPlan } from './rollouts';
import { addSession, WEDNESDAY, WEEKDAYS } from './schedule';
import type { DemoSchool } from './schools';
import type { TrainedPosts } from './trained';
import { CANOPE, schoolVenue } from './venues';

export const UPCOMING_TRAININGS = 26;
const HORIZON_DAYS = 55;

const TRACKS: Record<string, { track: string; kinds: EquipmentKind[] }> = {
  'interactive-display': { track: 'ecran-interactif', kinds: ['interactive-display'] },
  'classroom-computer': { track: 'mac-en-classe', kinds: ['classroom-computer'] },
  tablet: { track: 'ipad-en-classe', kinds: ['tablet'] },
};
const MANAGED_APPS = { track: 'applications-gerees', kinds: ['tablet', 'classroom-computer'] as EquipmentKind[] };

function share(trained: TrainedPosts | undefined, kind: EquipmentKind, teachers: number) {
  return (trained?.get(kind)?.length ?? 0) / teachers;
}

// The least-trained kind of a school that has (or is getting) equipment.
function weakestKind(plan: SchoolPlan, trained: TrainedPosts | undefined): EquipmentKind {
  const kinds = [...plan.kinds].sort((a, b) => share(trained, a.kind, plan.school.teachers) - share(trained, b.kind, plan.school.teachers));
  return kinds[0]!.kind;
}

export function seedUpcomingTrainings(ctx: SeedContext, trainedBySchool: Map<string, TrainedPosts>) {
  const { random, today, now } = ctx;
  const candidates = ctx.plans.filter((p) => p.kinds.length && p.stage !== 'planned');
  const booked = new Set<string>();
  const nearlyFull = random.int(0, UPCOMING_TRAININGS - 1);
  for (let i = 0; i < UPCOMING_TRAININGS; i++) {
    const plan = random.weighted(candidates.map((p) => [p, p.stage === 'due-soon' ? 4 : 1] as const));
    const trained = trainedBySchool.get(plan.school.uai);
    const training = random.chance(0.15) ? MANAGED_APPS : TRACKS[weakestKind(plan, trained)]!;
    const evening = training === MANAGED_APPS;
    const target = addDays(today, 1 + Math.floor((i * HORIZON_DAYS) / UPCOMING_TRAININGS));
    const session = addSession(ctx, {
      track: training.track,
      slot: ctx.agenda.book({
        target,
        weekdays: evening ? [1, 2, 4] : random.chance(0.5) ? [WEDNESDAY] : WEEKDAYS,
        times: evening ? ['17:00'] : random.shuffle(['09:00', '13:30']),
        from: addDays(today, 1),
        to: addDays(today, HORIZON_DAYS),
        trainers: [ctx.staff.draneDemo],
      }),
      venue: random.chance(0.15) ? CANOPE : schoolVenue(plan.school),
      capacity: random.int(12, 18),
    });
    const seats = i === nearlyFull ? session.capacity - 1 : random.int(Math.ceil(session.capacity * 0.25), session.capacity - 3);
    const untrained = untrainedTeachers(ctx, plan.school, training.kinds, trainedBySchool);
    for (const { school, post } of untrained.slice(0, seats)) {
      const teacher = ctx.roster.get(school, post);
      const key = `${teacher.user.id}:${training.track}`;
      if (booked.has(key)) continue;
      booked.add(key);
      const createdAt = random.int(session.createdAt, now - DAY_MS);
      addTeacherBooking(ctx, session.id, teacher, createdAt);
    }
  }
}

// Teachers of the host school first, then of its arrondissement, not trained for these kinds.
function untrainedTeachers(ctx: SeedContext, host: DemoSchool, kinds: EquipmentKind[], trainedBySchool: Map<string, TrainedPosts>) {
  const near = ctx.random.shuffle(ctx.schools.filter((s) => s.arrondissement === host.arrondissement && s !== host));
  const posts: { school: DemoSchool; post: number }[] = [];
  for (const school of [host, ...near]) {
    const trained = trainedBySchool.get(school.uai);
    for (let post = 0; post < school.teachers; post++) {
      if (!kinds.some((k) => trained?.get(k)?.includes(post))) posts.push({ school, post });
    }
  }
  return posts;
}
