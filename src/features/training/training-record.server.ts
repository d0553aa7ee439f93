// A teacher's training record for one school year: the hours of trainings attended (the
// track's hours, else the session's length) against the yearly obligation, and what is booked
// ahead. The one place these hours are summed: the teacher home, the API and the attestations.
import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { attendance, registrations, sessions, tracks, type AttestationSnapshot } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { trainingHours } from '~/features/tracks/track-input';
import { OBLIGATION_HOURS, sumHours, type SchoolYear } from './school-year';

// What an attestation states of a training, and the track it belongs to.
export type RecordTraining = AttestationSnapshot['trainings'][number] & { trackId: number | null };

export interface TrainingRecord {
  schoolYear: string;
  hours: number;
  obligationHours: number;
  trainings: RecordTraining[];
  // Confirmed bookings of the year not attended yet, still to come.
  booked: RecordTraining[];
  bookedHours: number;
}

async function yearEntries(db: Db, userId: number, year: SchoolYear) {
  return db
    .select({
      registrationId: registrations.id,
      status: registrations.status,
      sessionId: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      trackHours: tracks.hours,
      gaiaModule: tracks.gaiaModule,
      trackId: sessions.trackId,
      present: attendance.present,
    })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .leftJoin(tracks, eq(tracks.id, sessions.trackId))
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(
      and(
        eq(registrations.userId, userId),
        ne(registrations.status, 'cancelled'),
        eq(sessions.status, 'scheduled'),
        eq(sessions.audience, 'teacher'),
        gte(sessions.startsAt, year.from),
        lt(sessions.startsAt, year.to),
      ),
    )
    .orderBy(sessions.startsAt);
}

export async function trainingRecord(db: Db, userId: number, year: SchoolYear, now = Date.now()): Promise<TrainingRecord> {
  const rows = await yearEntries(db, userId, year);
  const asTraining = (r: (typeof rows)[number]): RecordTraining => ({
    registrationId: r.registrationId,
    sessionId: r.sessionId,
    title: r.title,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    hours: trainingHours(r.trackHours, r.startsAt, r.endsAt),
    gaiaModule: r.gaiaModule ?? null,
    trackId: r.trackId,
  });
  const trainings = rows.filter((r) => r.present === true).map(asTraining);
  const booked = rows.filter((r) => r.present !== true && r.status === 'confirmed' && r.endsAt > now).map(asTraining);
  return {
    schoolYear: year.label,
    hours: sumHours(trainings.map((t) => t.hours)),
    obligationHours: OBLIGATION_HOURS,
    trainings,
    booked,
    bookedHours: sumHours(booked.map((t) => t.hours)),
  };
}

// Whether this teacher already attended this session's track (or, without a track, this very
// session): the title and date of that training, or null.
export async function attendedBefore(db: Db, userId: number, sessionId: number) {
  const [session] = await db.select({ id: sessions.id, trackId: sessions.trackId }).from(sessions).where(eq(sessions.id, sessionId));
  return session ? alreadyAttended(db, userId, session) : null;
}

async function alreadyAttended(db: Db, userId: number, session: { id: number; trackId: number | null }) {
  const [row] = await db
    .select({ sessionId: sessions.id, title: sessions.title, startsAt: sessions.startsAt })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .innerJoin(attendance, eq(attendance.registrationId, registrations.id))
    .where(
      and(
        eq(registrations.userId, userId),
        eq(attendance.present, true),
        session.trackId === null ? eq(sessions.id, session.id) : eq(sessions.trackId, session.trackId),
      ),
    )
    .orderBy(sessions.startsAt)
    .limit(1);
  return row ?? null;
}
