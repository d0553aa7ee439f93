// Past Drane trainings over the last 18 months: the teachers chosen in trained.ts attend,
// grouped by arrondissement and track into sessions near the date their equipment arrived;
// a few registered teachers did not come.
import type { EquipmentKind } from '~db/schema';
import { addTeacherBooking } from './bookings';
import type { SeedContext } from './context';
import { addDays, DAY_MS } from './days';
import type { KindPlan } from './rollouts';
import { addSession, WEDNESDAY, WEEKDAYS } from './schedule';
import type { DemoSchool } from './schools';
import { chooseTrainedPosts, type TrainedPosts } from './trained';
import { CANOPE, schoolVenue } from './venues';

const TRACK_OF: Record<string, string> = {
  'interactive-display': 'ecran-interactif',
  'classroom-computer': 'mac-en-classe',
  tablet: 'ipad-en-classe',
};

interface Need {
  school: DemoSchool;
  post: number;
  track: string;
  day: string;
  present: boolean;
}

function targetDay(ctx: SeedContext, kind: KindPlan): string {
  const { random, today } = ctx;
  if (!kind.deliveredOn) return addDays(today, -random.int(3, 120));
  const day = addDays(kind.deliveredOn, random.int(-20, 200));
  return day > addDays(today, -3) ? addDays(today, -random.int(3, 30)) : day;
}

function needsOf(ctx: SeedContext, school: DemoSchool, kinds: KindPlan[], trained: TrainedPosts): Need[] {
  const { random } = ctx;
  const day = new Map(kinds.map((k) => [k.kind, targetDay(ctx, k)]));
  const needs: Need[] = [];
  const add = (post: number, track: string, kind: EquipmentKind, present = true) =>
    needs.push({ school, post, track, day: day.get(kind)!, present });
  for (let post = 0; post < school.teachers; post++) {
    const has = (kind: EquipmentKind) => trained.get(kind)?.includes(post) ?? false;
    if (has('interactive-display')) add(post, TRACK_OF['interactive-display']!, 'interactive-display');
    // Both Mac and iPad: some take the one training on managed apps that covers the two.
    if (has('classroom-computer') && has('tablet') && random.chance(0.3)) add(post, 'applications-gerees', 'tablet');
    else {
      if (has('classroom-computer')) add(post, TRACK_OF['classroom-computer']!, 'classroom-computer');
      if (has('tablet')) add(post, TRACK_OF.tablet!, 'tablet');
    }
  }
  // Registered but absent: they stay untrained.
  for (const [kind, posts] of trained) {
    const untrained = Array.from({ length: school.teachers }, (_, i) => i).filter((p) => !posts.includes(p));
    if (!posts.length || !untrained.length || !random.chance(0.35)) continue;
    for (const post of random.shuffle(untrained).slice(0, random.int(1, 2))) add(post, TRACK_OF[kind]!, kind, false);
  }
  return needs;
}

function scheduleGroup(ctx: SeedContext, needs: Need[]) {
  const { random, city, today } = ctx;
  needs.sort((a, b) => a.day.localeCompare(b.day) || a.school.uai.localeCompare(b.school.uai) || a.post - b.post);
  for (let start = 0; start < needs.length;) {
    const capacity = random.int(12, 18);
    const chunk = needs.slice(start, start + capacity - random.int(0, 3));
    start += chunk.length;
    const host = random.pick(chunk).school;
    const track = chunk[0]!.track;
    const evening = track === 'applications-gerees' && random.chance(0.5);
    // Marseille's schools are closed on Wednesdays: the favourite day; other days with a substitute.
    const slot = ctx.agenda.book({
      target: chunk[Math.floor(chunk.length / 2)]!.day,
      weekdays: evening ? [1, 2, 4] : random.chance(0.6) ? [WEDNESDAY] : WEEKDAYS,
      times: evening ? ['17:00'] : random.shuffle(['09:00', '13:30']),
      from: addDays(today, -540),
      to: addDays(today, -1),
      trainers: random.shuffle([...ctx.staff.draneTrainers]),
    });
    const trainer = slot.trainer;
    const session = addSession(ctx, { track, slot, capacity, venue: random.chance(0.2) ? CANOPE : schoolVenue(host) });
    for (const need of chunk) {
      const teacher = ctx.roster.get(need.school, need.post);
      const createdAt = session.startsAt - random.int(2, 20) * DAY_MS;
      const registration = addTeacherBooking(ctx, session.id, teacher, createdAt);
      city.markAttendance(registration, need.present, trainer.id, session.endsAt - random.int(0, 60) * 60_000);
    }
  }
}

// Returns the trained posts per school, so upcoming sessions invite the others.
export function seedPastTrainings(ctx: SeedContext): Map<string, TrainedPosts> {
  const trainedBySchool = new Map<string, TrainedPosts>();
  const groups = new Map<string, Need[]>();
  for (const plan of ctx.plans) {
    if (!plan.kinds.length) continue;
    const trained = chooseTrainedPosts(ctx.random, plan, ctx.today);
    trainedBySchool.set(plan.school.uai, trained);
    for (const need of needsOf(ctx, plan.school, plan.kinds, trained)) {
      const key = `${plan.school.arrondissement}:${need.track}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(need);
    }
  }
  for (const key of [...groups.keys()].sort()) scheduleGroup(ctx, groups.get(key)!);
  return trainedBySchool;
}
