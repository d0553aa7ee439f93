// A teacher's home: the trainings for the equipment their school has or is getting come
// first, then the others; and their own record (trainings attended, bookings to come).
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
}

export interface TeacherRecord {
  attended: RecordEntry[];
  upcoming: RecordEntry[];
  trainedKinds: string[];
}

export async function teacherRecord(db: Db, userId: number, now = Date.now()): Promise<TeacherRecord> {
  const rs = await db.$client.execute({
    sql: `select r.id, r.session_id, r.status, s.title, s.starts_at, s.ends_at, s.venue_name, a.present, coalesce(t.equipment_kinds, '[]') as kinds
          from registrations r join sessions s on s.id = r.session_id
          left join attendance a on a.registration_id = r.id left join tracks t on t.id = s.track_id
          where r.user_id = ? and r.status <> 'cancelled' and s.status = 'scheduled' order by s.starts_at`,
    args: [userId],
  });
  const entries = rs.rows.map((r): RecordEntry => ({
    registrationId: Number(r.id),
    sessionId: Number(r.session_id),
    title: String(r.title),
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    venueName: String(r.venue_name),
    status: r.status as RecordEntry['status'],
    present: r.present == null ? null : Boolean(Number(r.present)),
    equipmentKinds: JSON.parse(String(r.kinds)) as string[],
  }));
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
}

export async function loadTeacherHome(db: Db, user: SessionUser, now = Date.now()): Promise<TeacherHome> {
  const [school, sessions, record] = await Promise.all([
    user.schoolUai ? readinessBySchool(db, { uai: user.schoolUai }, now).then((rows) => rows[0] ?? null) : null,
    listSessions(db, { audience: 'teacher' }, now),
    teacherRecord(db, user.id, now),
  ]);
  const equipment = (school?.equipment ?? []).map(({ kind, quantity, plannedOn, deliveredOn }) => ({ kind, quantity, plannedOn, deliveredOn }));
  const kinds = new Set(equipment.map((e) => e.kind));
  const matters = (s: SessionView) => s.equipmentKinds.some((k) => kinds.has(k));
  return {
    equipment,
    forMySchool: sessions.filter(matters),
    others: sessions.filter((s) => !matters(s)),
    record,
    bookedSessionIds: new Set(record.upcoming.map((e) => e.sessionId)),
  };
}
