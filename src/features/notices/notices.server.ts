// Who a change had to reach, and who it did. `recordNotices` runs in the change's batch (one
// row per person, contact or not); reading them back against the outbox gives the trainer's
// honest counts and the call list, which stays until the trainer ticks "j'ai appelé".
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { notices, outbox, registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { config } from '~/platform/config/config';
import { insertColumns } from '~/platform/db/query-parts';
import { audit, type Actor } from '~/features/audit/audit.server';
import { countReach, NOBODY, reachOf, type Channels, type Notified, type Reach } from './reach';

export type { Notified };

// One notice per registration matching `where` (over `registrations`), for the change whose op
// is in their `last_op` (the same that marks their outbox rows).
export function recordNotices(db: Db, kind: string, where: SQL | undefined) {
  const r = registrations;
  const columns = insertColumns(notices, { op: r.lastOp, kind, registrationId: r.id, sessionId: r.sessionId });
  return db
    .insert(notices)
    .select(
      db
        .select(columns)
        .from(r)
        .where(and(sql`${r.lastOp} is not null`, where)),
    )
    .onConflictDoNothing();
}

export function configuredChannels(): Channels {
  return { email: Boolean(config.smtpUrl), sms: Boolean(config.smsUrl) };
}

export interface NoticeEntry extends Reach {
  id: number;
  op: string;
  kind: string;
  registrationId: number;
  sessionId: number;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  createdAt: number;
  calledAt: number | null;
}

async function entries(db: Db, where: SQL | undefined, channels: Channels): Promise<NoticeEntry[]> {
  const rows = await db
    .select({
      id: notices.id,
      op: notices.op,
      kind: notices.kind,
      registrationId: notices.registrationId,
      sessionId: notices.sessionId,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      phone: registrations.phone,
      createdAt: notices.createdAt,
      calledAt: notices.calledAt,
    })
    .from(notices)
    .innerJoin(registrations, eq(registrations.id, notices.registrationId))
    .where(where)
    .orderBy(desc(notices.createdAt), asc(notices.id));
  if (!rows.length) return [];
  const messages = await db
    .select({
      registrationId: outbox.registrationId,
      op: outbox.op,
      kind: outbox.kind,
      channel: outbox.channel,
      status: outbox.status,
      recipient: outbox.recipient,
    })
    .from(outbox)
    .where(
      and(
        inArray(outbox.registrationId, [...new Set(rows.map((r) => r.registrationId))]),
        inArray(outbox.op, [...new Set(rows.map((r) => r.op))]),
      ),
    );
  return rows.map((n) => ({
    ...n,
    ...reachOf(
      messages.filter((m) => m.registrationId === n.registrationId && m.op === n.op && m.kind === n.kind),
      channels,
    ),
  }));
}

// The API's `notified` for one or more changes (a move and the promotions it allowed).
export async function notifiedBy(db: Db, ops: (string | null)[], channels = configuredChannels()): Promise<Notified> {
  const known = ops.filter((op): op is string => op !== null);
  if (!known.length) return NOBODY;
  return countReach(await entries(db, inArray(notices.op, known), channels));
}

// The last notice per person is enough: it says what they still need to hear.
function lastUntold(all: NoticeEntry[]): NoticeEntry[] {
  const seen = new Set<number>();
  return all.filter((n) => {
    const latest = !seen.has(n.registrationId);
    seen.add(n.registrationId);
    return latest && n.reason !== null;
  });
}

// Everyone a change of this session did not reach, newest first; `calledAt` set once ticked.
export async function untoldOfSession(db: Db, sessionId: number, channels = configuredChannels()): Promise<NoticeEntry[]> {
  return lastUntold(await entries(db, eq(notices.sessionId, sessionId), channels));
}

// Everyone a change made in [fromMs, toMs) did not reach, across sessions (the weekly report).
export async function untoldBetween(db: Db, fromMs: number, toMs: number, channels = configuredChannels()): Promise<NoticeEntry[]> {
  return lastUntold(await entries(db, and(gte(notices.createdAt, fromMs), lt(notices.createdAt, toMs)), channels));
}

// The trainer's tick, kept and audited; only for a notice of this session still not ticked.
export async function markCalled(db: Db, sessionId: number, noticeId: number, actor: Actor, now = Date.now()): Promise<boolean> {
  const rs = await db
    .update(notices)
    .set({ calledAt: now, calledBy: actor.userId ?? null })
    .where(and(eq(notices.id, noticeId), eq(notices.sessionId, sessionId), isNull(notices.calledAt)));
  if (rs.rowsAffected !== 1) return false;
  await audit(db, actor, 'notice.called', 'notice', noticeId, { sessionId });
  return true;
}
