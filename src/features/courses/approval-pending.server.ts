// A teacher's requests still waiting for the inspector's (IEN) answer: listed on the teacher
// home ("à valider") with the training, its date and who was asked, and withdrawn there.
import { and, asc, eq } from 'drizzle-orm';
import { approvalRequests, sessions } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import type { Db } from '~/platform/db/db.server';

export async function pendingApprovals(db: Db, userId: number) {
  return db
    .select({
      id: approvalRequests.id,
      sessionId: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      approverEmail: approvalRequests.approverEmail,
      registrationId: approvalRequests.registrationId,
    })
    .from(approvalRequests)
    .innerJoin(sessions, eq(sessions.id, approvalRequests.sessionId))
    .where(and(eq(approvalRequests.userId, userId), eq(approvalRequests.status, 'pending'), eq(sessions.status, 'scheduled')))
    .orderBy(asc(sessions.startsAt));
}

export type PendingApproval = Awaited<ReturnType<typeof pendingApprovals>>[number];

// The teacher takes their request back: the request goes (its one-time link with it, so the
// IEN's answer can no longer book anything), and a waitlist place held meanwhile is given up.
export async function withdrawApproval(db: Db, userId: number, requestId: number, now = Date.now()): Promise<boolean> {
  const actor: Actor = { kind: 'user', userId };
  const ours = and(eq(approvalRequests.id, requestId), eq(approvalRequests.userId, userId), eq(approvalRequests.status, 'pending'));
  const [request] = await db.select({ registrationId: approvalRequests.registrationId }).from(approvalRequests).where(ours);
  if (!request) return false;
  const [gone] = await db.batch([
    db.delete(approvalRequests).where(ours).returning({ id: approvalRequests.id }),
    auditStatement(db, actor, 'approval.withdrawn', 'approval', requestId),
  ]);
  if (!gone.length) return false;
  const held = request.registrationId ? await getRegistration(db, request.registrationId) : null;
  if (held && held.status === 'waitlisted') await cancelRegistration(db, held, actor, {}, now);
  return true;
}
