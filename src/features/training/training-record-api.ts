// The JSON of "GET /api/v1/me/training-record" (DESIGN.md), with what is booked ahead.
import { config } from '~/platform/config/config';
import { toParisIso } from '~/platform/text/dates';
import type { RecordTraining, TrainingRecord } from './training-record.server';

export const trainingAttestationPath = (registrationId: number) => `/enseignant/attestations/${registrationId}.pdf`;
export const yearAttestationPath = (year: string) => `/enseignant/attestations/annee/${year}.pdf`;

const trainingJson = (t: RecordTraining) => ({
  sessionId: t.sessionId,
  title: t.title,
  startsAt: toParisIso(t.startsAt),
  endsAt: toParisIso(t.endsAt),
  hours: t.hours,
  gaiaModule: t.gaiaModule,
});

export function trainingRecordJson(r: TrainingRecord) {
  return {
    schoolYear: r.schoolYear,
    hours: r.hours,
    obligationHours: r.obligationHours,
    trainings: r.trainings.map((t) => ({
      ...trainingJson(t),
      certificateUrl: `${config.publicUrl}${trainingAttestationPath(t.registrationId)}`,
    })),
    certificateUrl: r.trainings.length ? `${config.publicUrl}${yearAttestationPath(r.schoolYear)}` : null,
    bookedHours: r.bookedHours,
    booked: r.booked.map(trainingJson),
  };
}
