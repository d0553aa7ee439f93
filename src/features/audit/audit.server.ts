// The audit log: who did what, when (DESIGN rule 7). Never passwords, tokens or secrets.
import { eq, sql } from 'drizzle-orm';
import { auditLog, registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export interface Actor {
  kind: 'user' | 'manage-link' | 'anonymous' | 'system';
  userId?: number | null;
}

export const SYSTEM: Actor = { kind: 'system' };
export const ANONYMOUS: Actor = { kind: 'anonymous' };

// One audit row, as a statement to run in the same batch as the change it records.
export function auditStatement(
  db: Db,
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string | number | null,
  details?: Record<string, unknown>,
) {
  return db.insert(auditLog).values({
    actorUserId: actor.userId ?? null,
    actorKind: actor.kind,
    action,
    subjectType,
    subjectId: subjectId == null ? null : String(subjectId),
    details: details ?? null,
  });
}

// One audit row per registration a batch changed (found by its `last_op` marker).
export function auditRegistrationsStatement(db: Db, actor: Actor, action: string, op: string) {
  return db.insert(auditLog).select(
    db
      .select({
        id: sql<number>`null`.as('id'),
        at: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`.as('at'),
        actorUserId: sql<number | null>`${actor.userId ?? null}`.as('actor_user_id'),
        actorKind: sql<string>`${actor.kind}`.as('actor_kind'),
        action: sql<string>`${action}`.as('action'),
        subjectType: sql<string>`'registration'`.as('subject_type'),
        subjectId: sql<string>`cast(${registrations.id} as text)`.as('subject_id'),
        details: sql<string>`json_object('sessionId', ${registrations.sessionId}, 'status', ${registrations.status})`.as('details'),
      })
      .from(registrations)
      .where(eq(registrations.lastOp, op)),
  );
}

export async function audit(db: Db, ...args: Parameters<typeof auditStatement> extends [Db, ...infer R] ? R : never) {
  await auditStatement(db, ...args);
}

export function newOp(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('hex');
}
