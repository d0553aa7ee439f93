// The city's equipment plan per school: an interactive display and a Mac per elementary class
// and per nursery school, iPad kits, delivered over two years and planned over six months.
import type { EquipmentKind } from '~db/schema';
import { addDays } from './days';
import type { Random } from './random';
import type { DemoSchool } from './schools';

export type Stage = 'delivered' | 'due-soon' | 'planned' | 'none';

export interface KindPlan {
  kind: EquipmentKind;
  quantity: number;
  plannedOn: string;
  deliveredOn: string | null;
}

export interface SchoolPlan {
  school: DemoSchool;
  stage: Stage;
  kinds: KindPlan[];
}

function quantities(school: DemoSchool): Record<'interactive-display' | 'classroom-computer' | 'tablet', number> {
  const hasNursery = school.kind !== 'elementary' ? 1 : 0;
  return {
    'interactive-display': school.elementaryClasses + hasNursery,
    // The teacher's Mac at the display and a pupils' Mac per class, one in the staff room.
    'classroom-computer': 2 * school.elementaryClasses + hasNursery + 1,
    // Mobile kits of 8 iPads, one per four classes; nurseries get a small kit.
    tablet: school.kind === 'nursery' ? 6 : 8 * Math.ceil(school.elementaryClasses / 4),
  };
}

function stageOf(random: Random, school: DemoSchool): Stage {
  // The plan started with priority-education schools.
  return random.weighted<Stage>([
    ['delivered', school.priority ? 80 : 66],
    ['due-soon', 8],
    ['planned', school.priority ? 10 : 23],
    ['none', 3],
  ]);
}

function dates(random: Random, stage: Stage, today: string) {
  if (stage === 'delivered') {
    const first = addDays(today, -random.int(20, 730));
    const tablets = addDays(first, random.int(0, 240));
    const tabletsArrived = tablets <= addDays(today, -7);
    const tabletsSoon = tablets > addDays(today, 7) && tablets <= addDays(today, 180);
    return {
      first: { plannedOn: addDays(first, -random.int(0, 21)), deliveredOn: first },
      tablet: tabletsArrived
        ? { plannedOn: addDays(tablets, -random.int(0, 21)), deliveredOn: tablets }
        : { plannedOn: tabletsSoon ? tablets : addDays(today, random.int(8, 180)), deliveredOn: null },
    };
  }
  const first = stage === 'due-soon' ? addDays(today, random.int(3, 30)) : addDays(today, random.int(31, 170));
  const tablets = addDays(first, stage === 'due-soon' ? random.int(30, 150) : random.int(0, 10));
  return { first: { plannedOn: first, deliveredOn: null }, tablet: { plannedOn: tablets, deliveredOn: null } };
}

export function planRollouts(random: Random, schools: DemoSchool[], today: string): SchoolPlan[] {
  return schools.map((school) => {
    const stage = stageOf(random, school);
    if (stage === 'none') return { school, stage, kinds: [] };
    const q = quantities(school);
    const d = dates(random, stage, today);
    return {
      school,
      stage,
      kinds: [
        { kind: 'interactive-display', quantity: q['interactive-display'], ...d.first },
        { kind: 'classroom-computer', quantity: q['classroom-computer'], ...d.first },
        { kind: 'tablet', quantity: q.tablet, ...d.tablet },
      ],
    };
  });
}
