// No-show rates: of the people booked (confirmed) at sessions held and whose call was taken,
// the share marked absent. Excused people (who told us beforehand) are not counted as
// expected. Given per workshop, per school and per organisation, for a time window.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { attendance, organisations, registrations, schools, sessions, tracks } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import type { SessionFilters } from '~/features/sessions/sessions.server';

export interface NoShowRate {
  key: string;
  label: string;
  expected: number;
  absent: number;
  rate: number | null;
}

export interface NoShowRates {
  overall: NoShowRate;
  byWorkshop: NoShowRate[];
  bySchool: NoShowRate[];
  byOrganisation: NoShowRate[];
}

// A row written with only `present = 0` (older rows) is a no-show too; excused is not.
const absent = sql<number>`coalesce(sum(case when ${attendance.present} = 0 and ${attendance.status} <> 'excused' then 1 else 0 end), 0)`;
const expected = sql<number>`coalesce(sum(case when ${attendance.status} <> 'excused' or ${attendance.present} = 1 then 1 else 0 end), 0)`;

function rate(key: string, label: string, row: { expected: number; absent: number }): NoShowRate {
  const e = Number(row.expected);
  const a = Number(row.absent);
  return { key, label, expected: e, absent: a, rate: e ? a / e : null };
}

// The sessions a staff member sees (sessionScope) narrowed to what the window and scope say.
export function scopeWhere(scope: Pick<SessionFilters, 'audience' | 'organisationId' | 'trainerId'>): SQL | undefined {
  return and(
    scope.audience ? eq(sessions.audience, scope.audience) : undefined,
    scope.organisationId ? eq(sessions.organisationId, scope.organisationId) : undefined,
    scope.trainerId ? eq(sessions.trainerId, scope.trainerId) : undefined,
  );
}

// One row per session (its counts), folded here per workshop, school and organisation.
export async function noShowRates(db: Db, from: number, to: number, scope?: SQL): Promise<NoShowRates> {
  const rows = await db
    .select({
      workshop: sql<string>`coalesce(${tracks.title}, ${sessions.title})`,
      schoolUai: schools.uai,
      schoolName: schools.name,
      organisation: organisations.slug,
      organisationName: organisations.name,
      expected,
      absent,
    })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .leftJoin(tracks, eq(tracks.id, sessions.trackId))
    .leftJoin(schools, eq(schools.uai, sessions.schoolUai))
    .where(
      and(
        eq(registrations.status, 'confirmed'),
        eq(sessions.status, 'scheduled'),
        gte(sessions.startsAt, from),
        lt(sessions.startsAt, to),
        scope,
      ),
    )
    .groupBy(sessions.id);
  const fold = (keyOf: (r: (typeof rows)[number]) => [string, string] | null) => {
    const sums = new Map<string, { label: string; expected: number; absent: number }>();
    for (const r of rows) {
      const k = keyOf(r);
      if (!k) continue;
      const sum = sums.get(k[0]) ?? { label: k[1], expected: 0, absent: 0 };
      sum.expected += Number(r.expected);
      sum.absent += Number(r.absent);
      sums.set(k[0], sum);
    }
    // Highest rate first: where a follow-up or a reminder call helps most.
    return [...sums]
      .map(([key, sum]) => rate(key, sum.label, sum))
      .filter((r) => r.expected > 0)
      .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.expected - a.expected);
  };
  return {
    overall: fold(() => ['all', ''])[0] ?? rate('all', '', { expected: 0, absent: 0 }),
    byWorkshop: fold((r) => [r.workshop, r.workshop]),
    bySchool: fold((r) => (r.schoolUai ? [r.schoolUai, r.schoolName ?? r.schoolUai] : null)),
    byOrganisation: fold((r) => [r.organisation, r.organisationName]),
  };
}
