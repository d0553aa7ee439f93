// Revoking an attestation: Drane staff and admins withdraw one (a reason is required, the act
// is audited); the public page then says "révoquée le …" and the teacher sees it revoked.
// Erasing a person's data revokes theirs and takes their name out of them.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { attestations, users } from '~db/schema';
import { auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { verifyAttestation, verifyUrl, type AttestationKind } from './attestations.server';

export interface AttestationLine {
  id: number;
  code: string;
  kind: AttestationKind;
  titles: string[];
  schoolYear: string;
  hours: number;
  trainings: { registrationId: number; title: string; startsAt: number; hours: number }[];
  createdAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
}

// Every attestation minted for this teacher, newest first.
export async function attestationsOf(db: Db, userId: number): Promise<AttestationLine[]> {
  const rows = await db
    .select({
      id: attestations.id,
      code: attestations.code,
      subject: attestations.subject,
      snapshot: attestations.snapshot,
      createdAt: attestations.createdAt,
      revokedAt: attestations.revokedAt,
      revokedReason: attestations.revokedReason,
    })
    .from(attestations)
    .where(eq(attestations.userId, userId))
    .orderBy(desc(attestations.createdAt), desc(attestations.id));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.subject.startsWith('year:') ? 'year' : 'training',
    titles: r.snapshot.trainings.map((t) => t.title),
    schoolYear: r.snapshot.schoolYear,
    hours: r.snapshot.hours,
    trainings: r.snapshot.trainings.map(({ registrationId, title, startsAt, hours }) => ({ registrationId, title, startsAt, hours })),
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    revokedReason: r.revokedReason,
  }));
}

// The trainings whose attestation was revoked and not issued again (for the teacher's record).
export function revokedTrainings(lines: AttestationLine[]): Set<number> {
  const training = lines.filter((a) => a.kind === 'training');
  const live = new Set(training.filter((a) => a.revokedAt === null).flatMap((a) => a.trainings.map((t) => t.registrationId)));
  return new Set(
    training
      .filter((a) => a.revokedAt !== null)
      .flatMap((a) => a.trainings.map((t) => t.registrationId))
      .filter((id) => !live.has(id)),
  );
}

export const REASON_MAX = 500;

export type RevokeOutcome = { ok: true } | { ok: false; status: 404 | 409 | 422; error: string };

export async function revokeAttestation(
  db: Db,
  teacherId: number,
  attestationId: number,
  reasonInput: unknown,
  actor: Actor,
  now = Date.now(),
): Promise<RevokeOutcome> {
  const reason = typeof reasonInput === 'string' ? reasonInput.trim() : '';
  if (reason.length < 3 || reason.length > REASON_MAX) return { ok: false, status: 422, error: 'training.revoke.errors.reason' };
  const ours = and(eq(attestations.id, attestationId), eq(attestations.userId, teacherId));
  const [found] = await db.select({ revokedAt: attestations.revokedAt }).from(attestations).where(ours);
  if (!found) return { ok: false, status: 404, error: 'training.revoke.errors.notFound' };
  if (found.revokedAt !== null) return { ok: false, status: 409, error: 'training.revoke.errors.already' };
  const [done] = await db.batch([
    db
      .update(attestations)
      .set({ revokedAt: now, revokedReason: reason, revokedBy: actor.userId ?? null })
      .where(and(ours, isNull(attestations.revokedAt)))
      .returning({ id: attestations.id }),
    auditStatement(db, actor, 'attestation.revoked', 'attestation', attestationId, { teacherId, reason }),
  ]);
  return done.length ? { ok: true } : { ok: false, status: 409, error: 'training.revoke.errors.already' };
}

// For the person's export (GDPR): each attestation with its code, trainings, hours, validity.
export async function attestationsForExport(db: Db, userId: number) {
  const lines = await attestationsOf(db, userId);
  return Promise.all(
    lines.map(async (a) => ({
      code: a.code,
      kind: a.kind,
      schoolYear: a.schoolYear,
      hours: a.hours,
      trainings: a.trainings.map((t) => ({ title: t.title, startsAt: new Date(t.startsAt).toISOString(), hours: t.hours })),
      issuedAt: new Date(a.createdAt).toISOString(),
      valid: (await verifyAttestation(db, a.code))?.valid ?? false,
      revokedAt: a.revokedAt === null ? null : new Date(a.revokedAt).toISOString(),
      revokedReason: a.revokedReason,
      verifyUrl: verifyUrl(a.code),
    })),
  );
}

// Erasure: the attestations stay (a verifier holding a code learns it is no longer valid) but
// revoked and without the person's name or school.
export function eraseAttestationsStatement(db: Db, email: string, reason: string, now: number) {
  const account = db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return db
    .update(attestations)
    .set({
      snapshot: sql`json_set(${attestations.snapshot}, '$.teacher', '', '$.school', null)`,
      revokedAt: sql`coalesce(${attestations.revokedAt}, ${now})`,
      revokedReason: sql`coalesce(${attestations.revokedReason}, ${reason})`,
    })
    .where(inArray(attestations.userId, account));
}
