// Demo schools: ≈470 public schools over the sixteen arrondissements, with names, addresses,
// coordinates, classes, pupils and teacher headcounts in Marseille's proportions.
import { ARRONDISSEMENTS, postcodeOf, type Arrondissement } from './arrondissements';
import { DEDICATEES, SITE_SUFFIXES } from './names';
import type { SchoolKind } from '~/features/schools/school-directory';
import type { Random } from './random';

export interface DemoSchool {
  uai: string;
  name: string;
  kind: SchoolKind;
  arrondissement: number;
  address: string;
  postcode: string;
  latitude: number;
  longitude: number;
  classes: number;
  // Classes from CP to CM2: the city equips each of them.
  elementaryClasses: number;
  pupils: number;
  teachers: number;
  // In priority education (REP/REP+): smaller classes, more parent workshops.
  priority: boolean;
  priorityEducation: 'REP' | 'REP+' | null;
}

// REP+ (the most reinforced networks) are where poverty concentrates: the centre and the north
// (1st–3rd, 13th–16th); elsewhere priority schools are REP. Drawn from the UAI, not the random
// stream, so every other demo figure stays as it was.
function priorityEducationOf(uai: string, arr: Arrondissement, priority: boolean): DemoSchool['priorityEducation'] {
  if (!priority) return null;
  const reinforced = arr.priority >= 0.5 ? 7 : 2;
  return Number(uai.slice(4, 7)) % 10 < reinforced ? 'REP+' : 'REP';
}

const LABEL: Record<SchoolKind, string> = {
  nursery: 'École maternelle',
  elementary: 'École élémentaire',
  primary: 'École primaire',
};

const CLASSES: Record<SchoolKind, [number, number][]> = {
  nursery: [
    [3, 3],
    [4, 5],
    [5, 4],
    [6, 2],
    [7, 1],
  ],
  elementary: [
    [5, 2],
    [6, 3],
    [7, 3],
    [8, 3],
    [9, 3],
    [10, 2],
    [11, 2],
    [12, 1],
    [13, 1],
    [14, 1],
  ],
  primary: [
    [4, 1],
    [5, 2],
    [6, 3],
    [7, 3],
    [8, 3],
    [9, 2],
    [10, 2],
    [11, 1],
    [12, 1],
    [14, 1],
  ],
};

// The UAI key letter: the seven digits modulo 23, in an alphabet without I, O and Q.
const UAI_KEYS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiOf(sevenDigits: string): string {
  return `${sevenDigits}${UAI_KEYS[Number(sevenDigits) % 23]}`;
}

interface Site {
  base: string;
  address: string;
  latitude: number;
  longitude: number;
}

function newSite(random: Random, arr: Arrondissement, usedBases: Set<string>): Site {
  let base = '';
  for (let attempt = 0; attempt < 8 && (!base || usedBases.has(base)); attempt++) {
    const place = random.pick(arr.places);
    base = random.weighted([
      [place, 5],
      [`${place} ${random.pick(SITE_SUFFIXES)}`, 1.5],
      [`${place} ${random.pick(DEDICATEES)}`, 1],
      [random.pick(DEDICATEES), 2.5],
    ] as const);
  }
  for (let i = 2; usedBases.has(base); i++) base = `${base.replace(/ \d+$/, '')} ${i}`;
  usedBases.add(base);
  const jitter = () => random.next() + random.next() - 1;
  return {
    base,
    address: `${random.int(1, 160)} ${random.pick(arr.streets)}`,
    latitude: round(arr.centre[0] + jitter() * arr.spread[0], 5),
    longitude: round(arr.centre[1] + jitter() * arr.spread[1], 5),
  };
}

function round(x: number, digits: number) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function headcounts(random: Random, kind: SchoolKind, priority: boolean) {
  // Priority schools halve their CP and CE1 classes: more classes for the same pupils.
  const classes = random.weighted(CLASSES[kind]) + (priority && kind !== 'nursery' ? random.int(1, 2) : 0);
  const perClass = kind === 'nursery' ? (priority ? 23 : 26) : priority ? 20 : 25;
  const pupils = Math.max(classes * 12, Math.round(classes * (perClass + random.int(-3, 3))));
  const elementaryClasses = kind === 'nursery' ? 0 : kind === 'elementary' ? classes : Math.max(2, Math.round(classes * 0.6));
  // A director's release and a few support posts on top of one teacher per class.
  const teachers = classes + 1 + (classes >= 10 ? 1 : 0) + (priority && random.chance(0.6) ? 1 : 0);
  return { classes, elementaryClasses, pupils, teachers };
}

export function generateSchools(random: Random): DemoSchool[] {
  const numbers = random.shuffle(Array.from({ length: 900 }, (_, i) => 100 + i));
  const schools: DemoSchool[] = [];
  // Names are unique city-wide so a parent searching "Jean Jaurès" finds one school.
  const usedBases = new Set<string>();
  for (const arr of ARRONDISSEMENTS) {
    // Nursery and elementary schools often share a site and a name (a "groupe scolaire").
    const unpairedNurseries: Site[] = [];
    for (let i = 0; i < arr.schools; i++) {
      const kind = random.weighted<SchoolKind>([
        ['nursery', 41],
        ['elementary', 40],
        ['primary', 19],
      ]);
      const site =
        kind === 'elementary' && unpairedNurseries.length && random.chance(0.5)
          ? unpairedNurseries.splice(random.int(0, unpairedNurseries.length - 1), 1)[0]!
          : newSite(random, arr, usedBases);
      if (kind === 'nursery') unpairedNurseries.push(site);
      const priority = random.chance(arr.priority);
      const uai = uaiOf(`0130${numbers.pop()}`);
      schools.push({
        uai,
        name: `${LABEL[kind]} ${site.base}`,
        kind,
        arrondissement: arr.n,
        address: site.address,
        postcode: postcodeOf(arr.n),
        latitude: site.latitude,
        longitude: site.longitude,
        priority,
        priorityEducation: priorityEducationOf(uai, arr, priority),
        ...headcounts(random, kind, priority),
      });
    }
  }
  return schools;
}
