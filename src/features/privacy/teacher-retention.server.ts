// A teacher's record has a lifetime too (TEACHER_RETENTION_DAYS, said in the privacy notice):
// three school years after their last activity (sign-in, a session still open, the end of the
// last training they booked, or the account's creation), a daily job erases the account and
// who they were on their bookings. The booking rows stay, anonymous, for the counts per
// session and school. Staff accounts are not touched (an admin closes them).
import { and, eq, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { authSessions, outbox, registrations, sessions, users } from '~db/schema';
import { audit, newOp, SYSTEM } from '~/features/audit/audit.server';
import { forgetRecipientStatements } from '~/features/mail/outbox/delivery-states.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import type { ScheduledJob } from '~/platform/jobs/scheduler.server';
import { erasureStatements } from './erasure.server';
import { qualified } from '~/features/registration/seat-sql';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 200;

// When the teacher last did anything the portal knows of. `users` columns are written with
// their table: in a single-table statement drizzle leaves them bare, and the subqueries'
// own `id` would capture them.
function lastActivity(db: Db) {
  const userId = qualified(users.id);
  const a = alias(authSessions, 'a');
  const r = alias(registrations, 'r');
  const s = alias(sessions, 's');
  const lastSession = db
    .select({ at: max(a.lastVerifiedAt) })
    .from(a)
    .where(sql`${a.userId} = ${userId}`);
  const lastTraining = db
    .select({ at: max(s.endsAt) })
    .from(r)
    .innerJoin(s, eq(s.id, r.sessionId))
    .where(sql`${r.userId} = ${userId}`);
  return sql<number>`max(${qualified(users.createdAt)}, coalesce(${qualified(users.lastSeenAt)}, 0), coalesce((${lastSession}), 0), coalesce((${lastTraining}), 0))`;
}

// Teachers idle since before `cutoff`; the same condition guards every statement of a chunk.
function idleTeachers(db: Db, cutoff: number) {
  return and(eq(users.role, 'teacher'), lte(lastActivity(db), cutoff));
}

export async function eraseIdleTeachers(db: Db, now: number, days = config.privacy.teacherRetentionDays): Promise<number> {
  const cutoff = now - days * DAY_MS;
  let erased = 0;
  for (;;) {
    const chunk = await db.select({ id: users.id }).from(users).where(idleTeachers(db, cutoff)).limit(CHUNK);
    if (!chunk.length) break;
    const ids = chunk.map((u) => u.id);
    const idle = and(inArray(users.id, ids), idleTeachers(db, cutoff));
    const accounts = db.select({ id: users.id }).from(users).where(idle);
    const emails = db.select({ email: users.email }).from(users).where(idle);
    const op = newOp();
    const results = await db.batch([
      // Their bookings first: `erased_at` must be set before the account goes and takes
      // `user_id` with it (registrations_reachable).
      db.update(registrations).set({ lastOp: op }).where(inArray(registrations.userId, accounts)),
      ...erasureStatements(db, op, now),
      // Account mail (invitations, resets) has no registration: it goes by address.
      ...forgetRecipientStatements(db, and(isNull(outbox.registrationId), inArray(outbox.recipient, emails))!),
      db.delete(users).where(idle),
    ]);
    erased += (results.at(-1) as { rowsAffected: number }).rowsAffected;
    if (chunk.length < CHUNK) break;
  }
  if (erased) await audit(db, SYSTEM, 'personal-data.teacher-retention', 'user', null, { erased, days });
  return erased;
}

export function teacherRetentionJob(days = config.privacy.teacherRetentionDays): ScheduledJob {
  return {
    name: 'teacher-retention',
    period: (now) => new Date(now).toISOString().slice(0, 10),
    run: async (db, _period, now) => ({ erased: await eraseIdleTeachers(db, now, days) }),
  };
}
