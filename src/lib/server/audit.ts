// The audit log: who did what, when (DESIGN rule 7). Never passwords, tokens or secrets.
import type { InStatement } from '@libsql/client';
import type { Db } from './db';

export interface Actor {
  kind: 'user' | 'manage-link' | 'anonymous' | 'system';
  userId?: number | null;
}

export const SYSTEM: Actor = { kind: 'system' };
export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function auditStatement(
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string | number | null,
  details?: Record<string, unknown>,
): InStatement {
  return {
    sql: 'insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details) values (?, ?, ?, ?, ?, ?)',
    args: [actor.userId ?? null, actor.kind, action, subjectType, subjectId == null ? null : String(subjectId), details ? JSON.stringify(details) : null],
  };
}

// One audit row per registration a batch changed (found by its `last_op` marker).
export function auditRegistrationsStatement(actor: Actor, action: string, op: string): InStatement {
  return {
    sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
          select ?, ?, ?, 'registration', cast(r.id as text), json_object('sessionId', r.session_id, 'status', r.status)
          from registrations r where r.last_op = ?`,
    args: [actor.userId ?? null, actor.kind, action, op],
  };
}

export async function audit(db: Db, ...args: Parameters<typeof auditStatement>) {
  await db.$client.execute(auditStatement(...args));
}

export function newOp(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('hex');
}
