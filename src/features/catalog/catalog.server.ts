// The parents' catalog: upcoming parent sessions, filtered by arrondissement, language, or
// nearness to the child's school, a page at a time (only the cards shown are read).
import type { Db } from '~/platform/db/db.server';
import { getSchool, type SchoolSummary } from '~/features/schools/schools.server';
import { searchSchools } from '~/features/schools/school-search.server';
import { countSessions, listSessions, nearSchool, type SessionFilters, type SessionView } from '~/features/sessions/sessions.server';

export interface CatalogQuery {
  arrondissement?: number;
  language?: string;
  schoolUai?: string;
  schoolText?: string;
  // How many cards the page shows.
  limit: number;
}

export interface Catalog {
  entries: { session: SessionView; km: number | null }[];
  // All the sessions that match, shown or not.
  total: number;
  school: SchoolSummary | null;
  // Several schools match what was typed: the parent picks one.
  candidates: SchoolSummary[];
  // How many more schools match than the candidates shown.
  moreSchools: number;
  schoolNotFound: boolean;
}

export async function parentCatalog(db: Db, q: CatalogQuery, now = Date.now()): Promise<Catalog> {
  let school = q.schoolUai ? await getSchool(db, q.schoolUai) : null;
  let candidates: SchoolSummary[] = [];
  let moreSchools = 0;
  if (!school && q.schoolText) {
    const found = await searchSchools(db, q.schoolText);
    [candidates, moreSchools] = [found.schools, found.more];
    if (candidates.length === 1) [school, candidates] = [candidates[0]!, []];
  }
  const schoolNotFound = Boolean(q.schoolText && !school && candidates.length === 0);
  if (school) {
    const near = nearSchool(await listSessions(db, { audience: 'parent', language: q.language, near: school }, now), school);
    return { entries: near.slice(0, q.limit), total: near.length, school, candidates, moreSchools, schoolNotFound };
  }
  const filters: SessionFilters = { audience: 'parent', language: q.language, arrondissement: q.arrondissement };
  const [sessions, total] = await Promise.all([listSessions(db, { ...filters, limit: q.limit }, now), countSessions(db, filters, now)]);
  return { entries: sessions.map((session) => ({ session, km: null })), total, school, candidates, moreSchools, schoolNotFound };
}
