// The audit log: who did what, when (DESIGN rule 7). Never passwords, tokens or secrets.
import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { auditLog, registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { frozen, insertColumns } from '~/platform/db/query-parts';

export interface Actor {
  kind: 'user' | 'manage-link' | 'anonymous' | 'system';
  userId?: number | null;
}

// Who, as values or as placeholders of a statement built once (prepared-batch.ts).
type ActorFields = { [K in keyof Actor]: Actor[K] | Placeholder };

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

// The select list of `db.insert(auditLog).select(...)`: one audit row per row the select
// finds, `subjectId` and `details` being SQL over that select's tables.
export function auditColumns(actor: ActorFields, action: string, subjectType: string, subjectId: SQL<string>, details: SQL) {
  return insertColumns(auditLog, { actorUserId: actor.userId ?? null, actorKind: actor.kind, action, subjectType, subjectId, details });
}

// What an audit row about a registration names (rendered once: every booking writes one).
const registrationId = frozen(sql<string>`cast(${registrations.id} as text)`);
const registrationDetails = frozen(sql`json_object('sessionId', ${registrations.sessionId}, 'status', ${registrations.status})`);

// One audit row per registration a batch changed (found by its `last_op` marker).
export function auditRegistrationsStatement(db: Db, actor: ActorFields, action: string, op: string | Placeholder) {
  const subjectId = registrationId;
  const details = registrationDetails;
  return db.insert(auditLog).select(
    db
      .select(auditColumns(actor, action, 'registration', subjectId, details))
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
