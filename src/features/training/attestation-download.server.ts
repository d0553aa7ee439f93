// Who downloads an attestation: the teacher it names, Drane staff and admins; anyone else 403.
import { eq } from 'drizzle-orm';
import { registrations, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { decide } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { attestationFile, attestationFilename, trainingAttestation, yearAttestation, type Attestation } from './attestations.server';
import type { SchoolYear } from './school-year';

export type Download = { status: 200; pdf: Uint8Array; filename: string } | { status: 401 | 403 | 404 | 410 };

async function asDownload(attestation: Attestation | null): Promise<Download> {
  if (!attestation) return { status: 404 };
  // Revoked by Drane staff: no new copy of it (its public page says it is revoked).
  if (attestation.revokedAt !== null) return { status: 410 };
  return { status: 200, pdf: await attestationFile(attestation), filename: attestationFilename(attestation) };
}

function denial(user: SessionUser | null, userId: number | null): 401 | 403 | null {
  const decision = decide(user, 'download-attestation', { userId });
  if (decision === 'allowed') return null;
  return decision === 'unauthenticated' ? 401 : 403;
}

export async function downloadTrainingAttestation(db: Db, user: SessionUser | null, registrationId: number): Promise<Download> {
  if (!user) return { status: 401 };
  const [reg] = await db.select({ userId: registrations.userId }).from(registrations).where(eq(registrations.id, registrationId));
  if (!reg) return { status: 404 };
  const denied = denial(user, reg.userId);
  if (denied) return { status: denied };
  return asDownload(await trainingAttestation(db, registrationId));
}

// `teacherId`: whose year (staff); a teacher always gets their own.
export async function downloadYearAttestation(
  db: Db,
  user: SessionUser | null,
  year: SchoolYear,
  teacherId: number | null,
): Promise<Download> {
  if (!user) return { status: 401 };
  const userId = teacherId ?? user.id;
  const denied = denial(user, userId);
  if (denied) return { status: denied };
  const [teacher] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (teacher?.role !== 'teacher') return { status: 404 };
  return asDownload(await yearAttestation(db, userId, year));
}

export function pdfResponse(download: Extract<Download, { status: 200 }>): Response {
  return new Response(new Uint8Array(download.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${download.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
