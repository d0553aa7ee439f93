// Schools as parents and staff look them up: by name, street or UAI, accents ignored.
import { schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export interface SchoolSummary {
  uai: string;
  name: string;
  kind: string;
  arrondissement: number;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let cache: { at: number; db: Db; schools: SchoolSummary[] } | undefined;

// A city has hundreds of schools: holding the list briefly beats a LIKE that ignores accents.
export async function allSchools(db: Db, maxAgeMs = 60_000): Promise<SchoolSummary[]> {
  if (cache && cache.db === db && Date.now() - cache.at < maxAgeMs) return cache.schools;
  const list = await db
    .select({
      uai: schools.uai,
      name: schools.name,
      kind: schools.kind,
      arrondissement: schools.arrondissement,
      address: schools.address,
      latitude: schools.latitude,
      longitude: schools.longitude,
    })
    .from(schools)
    .orderBy(schools.name);
  cache = { at: Date.now(), db, schools: list };
  return list;
}

export async function getSchool(db: Db, uai: string): Promise<SchoolSummary | null> {
  return (await allSchools(db)).find((s) => s.uai === uai.toUpperCase()) ?? null;
}

export async function schoolsInArrondissement(db: Db, arrondissement: number): Promise<SchoolSummary[]> {
  return (await allSchools(db)).filter((s) => s.arrondissement === arrondissement);
}
