// The parents' catalog: upcoming parent sessions, filtered by arrondissement, language, or
// nearness to the child's school.
import type { Db } from './db';
import { getSchool, searchSchools, type SchoolSummary } from './schools';
import { listSessions, nearSchool, type SessionView } from './sessions';

export interface CatalogQuery {
  arrondissement?: number;
  language?: string;
  schoolUai?: string;
  schoolText?: string;
}

export interface Catalog {
  entries: { session: SessionView; km: number | null }[];
  school: SchoolSummary | null;
  // Several schools match what was typed: the parent picks one.
  candidates: SchoolSummary[];
  schoolNotFound: boolean;
}

export async function parentCatalog(db: Db, q: CatalogQuery, now = Date.now()): Promise<Catalog> {
  let school = q.schoolUai ? await getSchool(db, q.schoolUai) : null;
  let candidates: SchoolSummary[] = [];
  if (!school && q.schoolText) {
    candidates = await searchSchools(db, q.schoolText);
    if (candidates.length === 1) [school, candidates] = [candidates[0]!, []];
  }
  const sessions = await listSessions(db, { audience: 'parent', language: q.language, arrondissement: school ? undefined : q.arrondissement }, now);
  const entries = school ? nearSchool(sessions, school) : sessions.map((session) => ({ session, km: null }));
  return { entries, school, candidates, schoolNotFound: Boolean(q.schoolText && !school && candidates.length === 0) };
}
