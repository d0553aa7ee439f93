// Schools found by what a parent types, through the FTS5 trigram index `schools_search`
// (db/migrations/0006_school_search.sql), then ranked by school-search.ts.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { matchExpression, parseSchoolQuery, rankSchools } from './school-search';
import { getSchool, type SchoolSummary } from './schools.server';

export interface SchoolSearch {
  schools: SchoolSummary[];
  // More schools match than are shown: the parent should say more ("be more precise").
  more: number;
}

// Enough rows to rank well; a word like "saint" matches hundreds of schools in a region.
const CANDIDATES = 200;

const columns = {
  uai: schools.uai,
  name: schools.name,
  kind: schools.kind,
  arrondissement: schools.arrondissement,
  address: schools.address,
  latitude: schools.latitude,
  longitude: schools.longitude,
};

export async function searchSchools(db: Db, text: string, limit = 12): Promise<SchoolSearch> {
  const uai = text.trim().toUpperCase();
  if (/^\d{7}[A-Z]$/.test(uai)) {
    const school = await getSchool(db, uai);
    return { schools: school ? [school] : [], more: 0 };
  }
  const query = parseSchoolQuery(text);
  if (!query.terms.length && !query.arrondissement) return { schools: [], more: 0 };
  const where: (SQL | undefined)[] = [query.arrondissement ? eq(schools.arrondissement, query.arrondissement) : undefined];
  if (query.terms.length) {
    // raw: FTS5's MATCH and bm25() have no builder; names weigh ten times more than addresses.
    const found = sql`select uai from schools_search where schools_search match ${matchExpression(query.terms)}
      order by bm25(schools_search, 0, 10, 1) limit ${CANDIDATES}`;
    where.push(sql`${schools.uai} in (${found})`);
  } else if (query.kinds.length) {
    where.push(inArray(schools.kind, query.kinds));
  }
  const rows = await db
    .select(columns)
    .from(schools)
    .where(and(...where))
    .limit(CANDIDATES);
  const ranked = rankSchools(rows, query);
  return { schools: ranked.slice(0, limit), more: Math.max(0, ranked.length - limit) };
}
