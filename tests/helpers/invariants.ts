// The domain rules a database must hold whatever happened to it (an upgrade, a restore), read
// with drizzle from today's schema: never overbooked, one live registration per person and
// session, every message and attendance row pointing at something that exists, the file sound.
import { and, count, eq, gt, isNotNull, ne, sql, sum } from 'drizzle-orm';
import { attendance, outbox, registrations, sessions } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export interface Violations {
  overbooked: unknown[];
  duplicateEmail: unknown[];
  duplicatePhone: unknown[];
  duplicateUser: unknown[];
  orphanMessages: number;
  orphanAttendance: number;
  duplicateDedupeKeys: number;
  foreignKeys: unknown[];
  integrity: string[];
}

async function duplicates(db: Db, column: typeof registrations.email | typeof registrations.phone | typeof registrations.userId) {
  return db
    .select({ sessionId: registrations.sessionId, n: count() })
    .from(registrations)
    .where(and(isNotNull(column), ne(registrations.status, 'cancelled')))
    .groupBy(registrations.sessionId, column)
    .having(gt(count(), 1));
}

export async function violations(db: Db): Promise<Violations> {
  const seats = db
    .select({ sessionId: registrations.sessionId, taken: sum(registrations.adults).mapWith(Number).as('taken') })
    .from(registrations)
    .where(eq(registrations.status, 'confirmed'))
    .groupBy(registrations.sessionId)
    .as('seats');
  const overbooked = await db
    .select({ id: sessions.id, capacity: sessions.capacity, taken: seats.taken })
    .from(sessions)
    .innerJoin(seats, eq(seats.sessionId, sessions.id))
    .where(gt(seats.taken, sessions.capacity));
  const [orphanMessages] = await db
    .select({ n: count() })
    .from(outbox)
    .leftJoin(registrations, eq(registrations.id, outbox.registrationId))
    .where(and(isNotNull(outbox.registrationId), sql`${registrations.id} is null`));
  const [orphanAttendance] = await db
    .select({ n: count() })
    .from(attendance)
    .leftJoin(registrations, eq(registrations.id, attendance.registrationId))
    .where(sql`${registrations.id} is null`);
  const [keys] = await db.select({ all: count(), distinct: sql<number>`count(distinct ${outbox.dedupeKey})` }).from(outbox);
  const integrity = (await db.all<{ integrity_check: string }>(sql`pragma integrity_check`))
    .map((r) => r.integrity_check)
    .filter((r) => r !== 'ok');
  return {
    overbooked,
    duplicateEmail: await duplicates(db, registrations.email),
    duplicatePhone: await duplicates(db, registrations.phone),
    duplicateUser: await duplicates(db, registrations.userId),
    orphanMessages: orphanMessages?.n ?? 0,
    orphanAttendance: orphanAttendance?.n ?? 0,
    duplicateDedupeKeys: (keys?.all ?? 0) - (keys?.distinct ?? 0),
    foreignKeys: await db.all(sql`pragma foreign_key_check`),
    integrity,
  };
}

export const NO_VIOLATIONS: Violations = {
  overbooked: [],
  duplicateEmail: [],
  duplicatePhone: [],
  duplicateUser: [],
  orphanMessages: 0,
  orphanAttendance: 0,
  duplicateDedupeKeys: 0,
  foreignKeys: [],
  integrity: [],
};
