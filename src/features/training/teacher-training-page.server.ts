// One teacher's training for Drane staff and admins (/drane/enseignants/<id>): the year's
// hours, the attestations delivered, and revoking one (a reason required, audited).
import { and, eq } from 'drizzle-orm';
import { schools, users } from '~db/schema';
import type { SessionUser } from '~/features/accounts/users.server';
import { can } from '~/features/auth/permissions';
import type { Db } from '~/platform/db/db.server';
import { parseId } from '~/platform/http/json';
import { attestationsOf, revokeAttestation, type RevokeOutcome } from './attestation-revoke.server';
import { schoolYearOf } from './school-year';
import { trainingRecord } from './training-record.server';

export async function loadTeacherTraining(db: Db, teacherId: number, now = Date.now()) {
  const [teacher] = await db
    .select({ id: users.id, name: users.name, schoolUai: users.schoolUai, school: schools.name })
    .from(users)
    .leftJoin(schools, eq(schools.uai, users.schoolUai))
    .where(and(eq(users.id, teacherId), eq(users.role, 'teacher')));
  if (!teacher) return null;
  const [record, attestations] = await Promise.all([trainingRecord(db, teacherId, schoolYearOf(now), now), attestationsOf(db, teacherId)]);
  return { teacher, record, attestations };
}

export type TeacherTrainingPage = NonNullable<Awaited<ReturnType<typeof loadTeacherTraining>>>;

export async function submitTeacherTraining(
  db: Db,
  user: SessionUser,
  teacherId: number,
  form: Record<string, string>,
): Promise<RevokeOutcome | { ok: false; status: 403; error: string }> {
  if (!can(user, 'manage-teacher-training')) return { ok: false, status: 403, error: 'auth.errors.forbidden' };
  const attestationId = parseId(form.attestationId);
  if (form.intent !== 'revoke' || !attestationId) return { ok: false, status: 404, error: 'training.revoke.errors.notFound' };
  return revokeAttestation(db, teacherId, attestationId, form.reason, { kind: 'user', userId: user.id });
}
