// Where parents are waiting: live "prévenez-moi" requests per school and language, for the
// Ligue when it plans (its trainers, Drane staff and admins see them).
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import { interestRequests, schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import type { SessionUser } from '~/features/accounts/users.server';

export interface WaitingDemand {
  schoolUai: string;
  school: string;
  arrondissement: number;
  language: string;
  waiting: number;
}

// Parents' workshops are the Ligue's: a trainer of the Drane plans for teachers, not parents.
export function seesParentDemand(user: SessionUser | null | undefined): boolean {
  if (!user) return false;
  return user.role === 'admin' || user.role === 'drane' || (user.role === 'trainer' && user.organisationSlug !== 'drane');
}

export async function waitingDemand(db: Db, now = Date.now(), limit = 30): Promise<WaitingDemand[]> {
  const i = interestRequests;
  const waiting = count();
  return db
    .select({ schoolUai: i.schoolUai, school: schools.name, arrondissement: schools.arrondissement, language: i.language, waiting })
    .from(i)
    .innerJoin(schools, eq(schools.uai, i.schoolUai))
    .where(and(isNull(i.erasedAt), isNull(i.withdrawnAt), gt(i.expiresAt, now)))
    .groupBy(i.schoolUai, i.language)
    .orderBy(desc(waiting), schools.name)
    .limit(limit);
}
