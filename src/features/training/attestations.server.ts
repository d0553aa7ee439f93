// Attestations: minted once per training or per school year (and per hours stated), each with
// an unguessable public code; still valid while every training it names is still marked attended.
import { and, eq, inArray } from 'drizzle-orm';
import { attendance, attestations, organisations, registrations, schools, sessions, users, type AttestationSnapshot } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { config } from '~/platform/config/config';
import { generateSecret } from '~/platform/text/tokens';
import { trainingRecord, type RecordTraining } from './training-record.server';
import { schoolYearOf, sumHours, type SchoolYear } from './school-year';

export type AttestationKind = 'training' | 'year';

export interface Attestation {
  code: string;
  kind: AttestationKind;
  snapshot: AttestationSnapshot;
  createdAt: number;
  revokedAt: number | null;
}

export const verifyUrl = (code: string) => `${config.publicUrl}/attestation/${code}`;

async function teacherOf(db: Db, userId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name, school: schools.name })
    .from(users)
    .leftJoin(schools, eq(schools.uai, users.schoolUai))
    .where(eq(users.id, userId));
  return row ?? null;
}

async function teacherIssuer(db: Db): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.audience, 'teacher')).limit(1);
  return row?.name ?? 'Drane';
}

// The same subject and hours give back the same attestation (and code).
async function mint(db: Db, userId: number, subject: string, snapshot: AttestationSnapshot): Promise<Attestation> {
  // 160 random bits, base32 (DESIGN: ≥ 80 bits): the code is the only key to the public page.
  await db.insert(attestations).values({ code: generateSecret(), userId, subject, snapshot }).onConflictDoNothing();
  const [row] = await db
    .select({
      code: attestations.code,
      snapshot: attestations.snapshot,
      createdAt: attestations.createdAt,
      revokedAt: attestations.revokedAt,
    })
    .from(attestations)
    .where(and(eq(attestations.userId, userId), eq(attestations.subject, subject)));
  return { ...row!, kind: subject.startsWith('year:') ? 'year' : 'training' };
}

function snapshotOf(teacher: { name: string; school: string | null }, issuer: string, year: string, trainings: RecordTraining[]) {
  return {
    teacher: teacher.name,
    school: teacher.school,
    issuer,
    schoolYear: year,
    hours: sumHours(trainings.map((t) => t.hours)),
    trainings: trainings.map(({ registrationId, sessionId, title, startsAt, endsAt, hours, gaiaModule }) => ({
      registrationId,
      sessionId,
      title,
      startsAt,
      endsAt,
      hours,
      gaiaModule,
    })),
  };
}

// The training a registration attended, found in its school year's record (one rule for hours).
async function attendedTraining(db: Db, registrationId: number) {
  const [row] = await db
    .select({ userId: registrations.userId, startsAt: sessions.startsAt })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .where(eq(registrations.id, registrationId));
  if (!row?.userId) return null;
  const year = schoolYearOf(row.startsAt);
  const training = (await trainingRecord(db, row.userId, year)).trainings.find((t) => t.registrationId === registrationId);
  return training ? { userId: row.userId, year, training } : null;
}

// The attestation of one attended training; null when it was not attended.
export async function trainingAttestation(db: Db, registrationId: number): Promise<Attestation | null> {
  const found = await attendedTraining(db, registrationId);
  if (!found) return null;
  const [teacher, issuer] = await Promise.all([teacherOf(db, found.userId), teacherIssuer(db)]);
  if (!teacher) return null;
  const subject = `registration:${registrationId}:${found.training.hours}`;
  return mint(db, found.userId, subject, snapshotOf(teacher, issuer, found.year.label, [found.training]));
}

// The attestation of a school year, summing its hours; null when nothing was attended.
export async function yearAttestation(db: Db, userId: number, year: SchoolYear): Promise<Attestation | null> {
  const [teacher, issuer, record] = await Promise.all([teacherOf(db, userId), teacherIssuer(db), trainingRecord(db, userId, year)]);
  if (!teacher || record.trainings.length === 0) return null;
  const subject = `year:${year.label}:${record.hours}:${record.trainings.map((t) => t.registrationId).join(',')}`;
  return mint(db, userId, subject, snapshotOf(teacher, issuer, year.label, record.trainings));
}

// What the public page shows; `valid` while not revoked and every training is still attended.
export async function verifyAttestation(db: Db, code: string): Promise<{ attestation: Attestation; valid: boolean } | null> {
  if (!/^[a-z2-7]{16,64}$/.test(code)) return null;
  const [row] = await db
    .select({
      code: attestations.code,
      subject: attestations.subject,
      userId: attestations.userId,
      snapshot: attestations.snapshot,
      createdAt: attestations.createdAt,
      revokedAt: attestations.revokedAt,
    })
    .from(attestations)
    .where(eq(attestations.code, code));
  if (!row) return null;
  const ids = row.snapshot.trainings.map((t) => t.registrationId);
  const still = await db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(and(inArray(registrations.id, ids), eq(registrations.userId, row.userId), eq(attendance.present, true)));
  const { code: found, snapshot, createdAt, revokedAt, subject } = row;
  const attestation: Attestation = { code: found, snapshot, createdAt, revokedAt, kind: subject.startsWith('year:') ? 'year' : 'training' };
  return { attestation, valid: row.revokedAt === null && still.length === ids.length };
}

// pdf-lib and qrcode load with the first PDF made, not with every instance's outbox worker:
// ≈ 4 MB of heap an idle server would otherwise hold (docs/benchmarks.md, "Session 5 — readiness").
export async function attestationFile(a: Attestation, now = Date.now()): Promise<Uint8Array> {
  const { attestationPdf } = await import('./attestation-pdf.server');
  return attestationPdf({
    snapshot: a.snapshot,
    kind: a.kind,
    issuer: a.snapshot.issuer,
    verifyUrl: verifyUrl(a.code),
    code: a.code,
    issuedAt: a.createdAt ?? now,
  });
}

export function attestationFilename(a: Attestation): string {
  const who = a.snapshot.teacher
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return a.kind === 'year'
    ? `attestation-${a.snapshot.schoolYear}-${who}.pdf`
    : `attestation-${a.snapshot.trainings[0]?.sessionId}-${who}.pdf`;
}
