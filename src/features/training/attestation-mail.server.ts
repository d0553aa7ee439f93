// Drane staff send every teacher of a school their attestation of the year by email: one
// outbox row each (the PDF is made and attached when it is sent), in one audited write.
import { outbox } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { auditStatement } from '~/features/audit/audit.server';
import { can } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { verifyUrl, yearAttestation } from './attestations.server';
import { schoolTeachers } from './school-teachers.server';
import type { SchoolYear } from './school-year';

export const YEAR_ATTESTATION_KIND = 'attestation-year';

export interface YearAttestationPayload {
  name: string;
  schoolYear: string;
  hours: number;
  code: string;
  verifyUrl: string;
}

export type SendResult = { status: 200; sent: number } | { status: 403; error: string };

export async function sendYearAttestations(db: Db, user: SessionUser, uai: string, year: SchoolYear): Promise<SendResult> {
  if (!can(user, 'manage-teacher-training')) return { status: 403, error: 'auth.errors.forbidden' };
  const teachers = await schoolTeachers(db, uai);
  const messages = [];
  for (const teacher of teachers) {
    const attestation = await yearAttestation(db, teacher.id, year);
    if (!attestation) continue;
    const payload: YearAttestationPayload = {
      name: teacher.name,
      schoolYear: year.label,
      hours: attestation.snapshot.hours,
      code: attestation.code,
      verifyUrl: verifyUrl(attestation.code),
    };
    messages.push(
      db
        .insert(outbox)
        .values({
          dedupeKey: `${YEAR_ATTESTATION_KIND}:${attestation.code}`,
          kind: YEAR_ATTESTATION_KIND,
          recipient: teacher.email,
          language: 'fr',
          payload: { ...payload },
          channel: 'email',
        })
        .onConflictDoNothing({ target: outbox.dedupeKey }),
    );
  }
  if (messages.length === 0) return { status: 200, sent: 0 };
  await db.batch([
    auditStatement(db, { kind: 'user', userId: user.id }, 'attestations.send-year', 'school', uai, {
      schoolYear: year.label,
      teachers: messages.length,
    }),
    ...messages,
  ]);
  return { status: 200, sent: messages.length };
}
