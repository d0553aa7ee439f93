// Finds the school an inventory means by the words it uses: a UAI anywhere in the text
// ("0131234X - EE Belsunce"), the school's name, or its name without "École élémentaire".
import { fold } from '~/features/rollouts/rollout-fields';

export interface SchoolRef {
  uai: string;
  name: string;
}

export type SchoolMatch = { kind: 'found'; school: SchoolRef } | { kind: 'unknown' } | { kind: 'ambiguous'; schools: SchoolRef[] };

// Words inventories put before a school's name, or leave out.
const PREFIX = /^(groupe scolaire|ecole (maternelle|elementaire|primaire)( publique)?|ecole|gs|ee|em|ep|epp)\s+/;

export function shortName(name: string): string {
  return fold(name)
    .replace(PREFIX, '')
    .replace(/^(de la|de l|du|des|de|d)\s+/, '');
}

export interface SchoolIndex {
  byUai: Map<string, SchoolRef>;
  byName: Map<string, SchoolRef[]>;
  byShortName: Map<string, SchoolRef[]>;
}

function push(map: Map<string, SchoolRef[]>, key: string, school: SchoolRef) {
  if (!key) return;
  const list = map.get(key) ?? [];
  list.push(school);
  map.set(key, list);
}

export function indexSchools(schools: SchoolRef[]): SchoolIndex {
  const index: SchoolIndex = { byUai: new Map(), byName: new Map(), byShortName: new Map() };
  for (const s of schools) {
    index.byUai.set(s.uai, s);
    push(index.byName, fold(s.name), s);
    push(index.byShortName, shortName(s.name), s);
  }
  return index;
}

function fromList(list: SchoolRef[] | undefined): SchoolMatch | null {
  if (!list?.length) return null;
  return list.length === 1 ? { kind: 'found', school: list[0]! } : { kind: 'ambiguous', schools: list };
}

export function matchSchool(label: string, index: SchoolIndex): SchoolMatch {
  const uai = /(?:^|[^0-9A-Za-z])(\d{7}[A-Za-z])(?:$|[^0-9A-Za-z])/.exec(label)?.[1]?.toUpperCase();
  if (uai) {
    const school = index.byUai.get(uai);
    return school ? { kind: 'found', school } : { kind: 'unknown' };
  }
  // A full name that several schools share is ambiguous; only then try the short form.
  return fromList(index.byName.get(fold(label))) ?? fromList(index.byShortName.get(shortName(label))) ?? { kind: 'unknown' };
}
