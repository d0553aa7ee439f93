// What a parent types to find the child's school, read the way they mean it: "st louis",
// "ST-LOUIS PARC", "école maternelle Sainte-Anne 13008". Pure rules; the index is in
// school-search.server.ts.
import type { SchoolKind } from './school-directory';

export interface SchoolQuery {
  // Words to find in the name or the address, folded, each at least 3 letters (trigrams).
  terms: string[];
  // "maternelle", "élém.": the kinds of school meant, preferred in the ranking.
  kinds: SchoolKind[];
  arrondissement: number | null;
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SYNONYMS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };
// Words that say nothing about which school: every name has them, or none does.
const NOISE = new Set([
  'ecole',
  'ecoles',
  'groupe',
  'scolaire',
  'publique',
  'de',
  'la',
  'le',
  'les',
  'du',
  'des',
  'd',
  'l',
  'et',
  'a',
  'au',
]);
const KIND_WORDS: Record<string, SchoolKind[]> = {
  maternelle: ['nursery', 'primary'],
  mat: ['nursery', 'primary'],
  em: ['nursery', 'primary'],
  elementaire: ['elementary', 'primary'],
  elem: ['elementary', 'primary'],
  ee: ['elementary', 'primary'],
  primaire: ['primary'],
  ep: ['primary'],
};

function arrondissementOf(word: string): number | null {
  const m = /^130(0[1-9]|1[0-6])$/.exec(word) ?? /^(\d{1,2})(e|er|eme)$/.exec(word);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 16 ? n : null;
}

export function parseSchoolQuery(text: string): SchoolQuery {
  const query: SchoolQuery = { terms: [], kinds: [], arrondissement: null };
  const noise: string[] = [];
  for (const raw of fold(text.slice(0, 100)).split(' ')) {
    const word = SYNONYMS[raw] ?? raw;
    const arrondissement = arrondissementOf(word);
    if (arrondissement) query.arrondissement = arrondissement;
    else if (KIND_WORDS[word]) query.kinds.push(...KIND_WORDS[word]!);
    else if (word.length < 3 || query.terms.includes(word)) continue;
    else (NOISE.has(word) ? noise : query.terms).push(word);
  }
  // Nothing but "école": every school matches, and the parent is asked to say more.
  if (!query.terms.length && !query.kinds.length && !query.arrondissement) query.terms = noise;
  return query;
}

// FTS5 query: every term somewhere in the name or the address. Terms are [a-z0-9] only.
export function matchExpression(terms: string[]): string {
  return terms.map((term) => `"${term}"`).join(' AND ');
}

interface Rankable {
  name: string;
  kind: SchoolKind;
}

const KIND_ORDER: Record<SchoolKind, number> = { elementary: 0, primary: 1, nursery: 2 };

// Whole words of the name first ("Saint-Louis" for "st louis"), then names holding the words
// inside others, then schools found by their address (on "avenue de Saint-Louis"); the kind
// asked for first; then elementary schools, whose parents the workshops are for; then by name.
export function rankSchools<T extends Rankable>(schools: T[], query: SchoolQuery): T[] {
  const scored = schools.map((school) => {
    const name = fold(school.name);
    const words = new Set(name.split(' '));
    const tier = query.terms.every((t) => words.has(t)) ? 0 : query.terms.every((t) => name.includes(t)) ? 1 : 2;
    const kindMiss = query.kinds.length && !query.kinds.includes(school.kind) ? 1 : 0;
    return { school, name, key: [kindMiss * 3 + tier, KIND_ORDER[school.kind]] as const };
  });
  scored.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.name.localeCompare(b.name));
  return scored.map((s) => s.school);
}
