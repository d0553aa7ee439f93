// A teacher's home: the trainings for the equipment their school has or is getting come
// first, then the others; and their own record (trainings attended, bookings to come).
import { and, eq, ne, sql } from 'drizzle-orm';
import { attendance, registrations, sessions, tracks } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool } from '~/features/readiness/readiness.server';
import { listSessions, type SessionView } from '~/features/sessions/sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';

export interface RecordEntry {
  registrationId: number;
  sessionId: number;
  title: string;
  startsAt: number;
  endsAt: number;
  venueName: string;
  status: 'confirmed' | 'waitlisted';
  present: boolean | null;
  equipmentKinds: string[];
  trackId: number | null;
}

export interface TeacherRecord {
  attended: RecordEntry[];
  upcoming: RecordEntry[];
  trainedKinds: string[];
}

export async function teacherRecord(db: Db, userId: number, now = Date.now()): Promise<TeacherRecord> {
  const entries: RecordEntry[] = await db
    .select({
      registrationId: registrations.id,
      sessionId: registrations.sessionId,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      venueName: sessions.venueName,
      // Cancelled registrations are left out below.
      status: sql<RecordEntry['status']>`${registrations.status}`,
      present: attendance.present,
      equipmentKinds: sql<string[]>`coalesce(${tracks.equipmentKinds}, '[]')`.mapWith(tracks.equipmentKinds),
      trackId: sessions.trackId,
    })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .leftJoin(attendance, eq(attendance.registrationId, registrations.id))
    .leftJoin(tracks, eq(tracks.id, sessions.trackId))
    .where(and(eq(registrations.userId, userId), ne(registrations.status, 'cancelled'), eq(sessions.status, 'scheduled')))
    .orderBy(sessions.startsAt);
  const attended = entries.filter((e) => e.present === true).reverse();
  return {
    attended,
    upcoming: entries.filter((e) => e.endsAt > now),
    trainedKinds: [...new Set(attended.flatMap((e) => e.equipmentKinds))],
  };
}

export interface SchoolEquipment {
  kind: string;
  quantity: number;
  plannedOn: string | null;
  deliveredOn: string | null;
}

export interface TeacherHome {
  equipment: SchoolEquipment[];
  forMySchool: SessionView[];
  others: SessionView[];
  record: TeacherRecord;
  bookedSessionIds: Set<number>;
  // Sessions of a track (or the very session) the teacher already attended: marked "déjà suivie".
  attendedSessionIds: Set<number>;
}

export async function loadTeacherHome(db: Db, user: SessionUser, now = Date.now()): Promise<TeacherHome> {
  const [school, sessions, record] = await Promise.all([
    user.schoolUai ? readinessBySchool(db, { uai: user.schoolUai }, now).then((rows) => rows[0] ?? null) : null,
    listSessions(db, { audience: 'teacher' }, now),
    teacherRecord(db, user.id, now),
  ]);
  const equipment = (school?.equipment ?? []).map(({ kind, quantity, plannedOn, deliveredOn }) => ({
    kind,
    quantity,
    plannedOn,
    deliveredOn,
  }));
  const kinds = new Set(equipment.map((e) => e.kind));
  const matters = (s: SessionView) => s.equipmentKinds.some((k) => kinds.has(k));
  return {
    equipment,
    forMySchool: sessions.filter(matters),
    others: sessions.filter((s) => !matters(s)),
    record,
    bookedSessionIds: new Set(record.upcoming.map((e) => e.sessionId)),
    attendedSessionIds: attendedAmong(sessions, record.attended),
  };
}

function attendedAmong(offered: SessionView[], attended: RecordEntry[]): Set<number> {
  const tracks = new Set(attended.map((e) => e.trackId).filter((id) => id !== null));
  const sessionIds = new Set(attended.map((e) => e.sessionId));
  return new Set(offered.filter((s) => sessionIds.has(s.id) || (s.trackId !== null && tracks.has(s.trackId))).map((s) => s.id));
}
