// "Vous l'avez déjà suivie": a teacher booking a training whose track they already attended
// (this school year or earlier) is asked first, on the teacher home, the session page and,
// when the client asks for it, in the API. Booking the same session again is a repeat of the
// booking (DESIGN rule 2), not a second training: it is not asked.
import { and, eq, ne } from 'drizzle-orm';
import { registrations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { formatDay, toParisIso } from '~/platform/text/dates';
import { attendedBefore } from './training-record.server';

export interface EarlierTraining {
  sessionId: number;
  title: string;
  startsAt: number;
}

export async function earlierTraining(
  db: Db,
  user: { id: number; role: string } | null,
  sessionId: number,
): Promise<EarlierTraining | null> {
  if (!user || user.role !== 'teacher') return null;
  const before = await attendedBefore(db, user.id, sessionId);
  if (!before) return null;
  const [own] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.sessionId, sessionId), eq(registrations.userId, user.id), ne(registrations.status, 'cancelled')))
    .limit(1);
  return own ? null : before;
}

// The earlier date, always with its year (it may be a past school year).
export function earlierDate(earlier: EarlierTraining, lang = 'fr'): string {
  return formatDay(earlier.startsAt, lang, 0);
}

export function earlierJson(earlier: EarlierTraining) {
  return { sessionId: earlier.sessionId, title: earlier.title, startsAt: toParisIso(earlier.startsAt) };
}
