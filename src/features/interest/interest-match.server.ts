// Telling waiting parents that a workshop was published near their child's school. Matching
// runs in the batch that creates the session, like every message of the portal (the
// transactional outbox): the session and the messages about it commit together, nothing is
// told about a session that failed to save, and no job has to remember what it already saw.
import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { interestRequests, organisations, outbox, schools, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { insertColumns } from '~/platform/db/query-parts';
import { allSchools, getSchool } from '~/features/schools/schools.server';
import { schoolsNear } from './interest-rules';
import { sessionSnapshot, type SessionSnapshot } from '~/features/mail/outbox/session-snapshot';

export const INTEREST_MATCH_KIND = 'interest-match';

export interface InterestMatchPayload {
  kind: typeof INTEREST_MATCH_KIND;
  requestId: number;
  school: string;
  language: string;
  session: SessionSnapshot;
}

export interface PublishedWorkshop {
  audience: 'parent' | 'teacher';
  schoolUai: string | null;
  languages: string[];
}

// The schools whose requests a workshop reaches; none when it is not for parents or has no school.
export async function reachedSchools(db: Db, workshop: PublishedWorkshop): Promise<string[]> {
  if (workshop.audience !== 'parent' || !workshop.schoolUai) return [];
  const venue = await getSchool(db, workshop.schoolUai);
  return venue ? schoolsNear(venue, await allSchools(db)) : [];
}

// One message per live request for those schools and languages, about the session just
// inserted (the highest id: the batch holds the write lock): an email when the request has an
// address, otherwise an SMS to its phone. A person with several matching requests (the same
// email or the same phone) is told once, from their oldest. The dedupe key makes it once per
// workshop and request; an SMS's key has the channel in front, as booking messages' do.
export function queueInterestMatches(db: Db, schoolUais: string[], languages: string[], now: number) {
  const i = alias(interestRequests, 'i');
  const earlier = alias(interestRequests, 'earlier');
  const s = alias(sessions, 's');
  const live = (r: typeof i | typeof earlier) =>
    and(inArray(r.schoolUai, schoolUais), inArray(r.language, languages), isNull(r.erasedAt), isNull(r.withdrawnAt), gt(r.expiresAt, now));
  const latestSession = db.select({ id: sql<number>`max(${sessions.id})` }).from(sessions);
  const channel = sql<'email' | 'sms'>`case when ${i.email} is not null then 'email' else 'sms' end`;
  const payload = sql`json_object('kind', ${INTEREST_MATCH_KIND}, 'requestId', ${i.id}, 'school', ${schools.name}, 'language', ${i.language},
    'session', ${sessionSnapshot(s, organisations)})`;
  const columns = insertColumns(outbox, {
    dedupeKey: sql<string>`case when ${i.email} is not null then '' else 'sms:' end || ${INTEREST_MATCH_KIND} || ':' || ${i.id} || ':' || ${s.id}`,
    kind: INTEREST_MATCH_KIND,
    registrationId: null,
    recipient: sql<string>`coalesce(${i.email}, ${i.phone})`,
    language: i.messageLanguage,
    payload,
    channel,
  });
  const toldFromEarlier = db
    .select({ one: sql`1` })
    .from(earlier)
    .where(and(or(eq(earlier.email, i.email), eq(earlier.phone, i.phone)), lt(earlier.id, i.id), live(earlier)));
  return db
    .insert(outbox)
    .select(
      db
        .select(columns)
        .from(i)
        .innerJoin(s, eq(s.id, latestSession))
        .innerJoin(schools, eq(schools.uai, i.schoolUai))
        .innerJoin(organisations, eq(organisations.id, s.organisationId))
        .where(and(live(i), or(isNotNull(i.email), isNotNull(i.phone)), sql`not exists ${toldFromEarlier}`)),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
