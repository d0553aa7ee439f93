// Training sessions as people see them: the catalog, one session, and its JSON shape.
import type { InValue } from '@libsql/client';
import { availability, haversineKm, seatsLeft, type Availability } from './availability';
import { toParisIso } from '~/platform/text/dates';
import type { Db } from '~/platform/db/db.server';

export interface SessionView {
  id: number;
  title: string;
  summary: string;
  audience: 'parent' | 'teacher';
  organisation: { id: number; slug: string; name: string; contactEmail: string | null; contactPhone: string | null };
  trackId: number | null;
  trainerId: number | null;
  startsAt: number;
  endsAt: number;
  venue: { name: string; address: string };
  school: { uai: string; name: string; arrondissement: number; latitude: number | null; longitude: number | null } | null;
  capacity: number;
  confirmedSeats: number;
  seatsLeft: number;
  waitlistLength: number;
  languages: string[];
  equipmentKinds: string[];
  interpreterNote: string;
  childcareNote: string;
  accessibilityNote: string;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  changeCount: number;
  availability: Availability;
}

export interface SessionFilters {
  audience?: 'parent' | 'teacher';
  arrondissement?: number;
  schoolUai?: string;
  from?: number;
  to?: number;
  language?: string;
  organisationId?: number;
  trackId?: number;
  includeCancelled?: boolean;
  ids?: number[];
  // Sessions that may be near this school (nearSchool() decides): at it, in its arrondissement,
  // or in the box around it, so only those are read at region scale.
  near?: NearPlace;
  limit?: number;
}

export interface NearPlace {
  uai: string;
  latitude: number | null;
  longitude: number | null;
  arrondissement: number;
}

// How far a parent or a teacher is expected to go for a session.
export const NEAR_KM = 3;

// One JSON object per session, built by SQLite: the libSQL client is slow at turning many
// columns into JS values (≈8× slower than one JSON string per row), and the catalog reads dozens.
const SELECT = `
  select json_object(
    'id', s.id, 'title', s.title, 'audience', s.audience, 'organisation_id', s.organisation_id,
    'org_slug', o.slug, 'org_name', o.name, 'org_email', o.contact_email, 'org_phone', o.contact_phone,
    'track_id', s.track_id, 'trainer_id', s.trainer_id, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
    'venue_name', s.venue_name, 'venue_address', s.venue_address, 'school_uai', s.school_uai,
    'school_name', sc.name, 'school_arrondissement', sc.arrondissement, 'school_lat', sc.latitude, 'school_lon', sc.longitude,
    'track_summary', t.summary, 'track_kinds', coalesce(t.equipment_kinds, '[]'),
    'capacity', s.capacity, 'status', s.status, 'languages', s.languages,
    'interpreter_note', s.interpreter_note, 'childcare_note', s.childcare_note, 'accessibility_note', s.accessibility_note,
    'cancel_reason', s.cancel_reason, 'change_count', s.change_count,
    'confirmed_seats', (select coalesce(sum(r.adults), 0) from registrations r where r.session_id = s.id and r.status = 'confirmed'),
    'waitlist_length', (select count(*) from registrations r where r.session_id = s.id and r.status = 'waitlisted')
  ) as j
  from sessions s
  join organisations o on o.id = s.organisation_id
  left join schools sc on sc.uai = s.school_uai
  left join tracks t on t.id = s.track_id`;

const parseRow = (row: Record<string, unknown>) => JSON.parse(String(row.j)) as Record<string, unknown>;

function toView(row: Record<string, unknown>, now: number): SessionView {
  const confirmed = Number(row.confirmed_seats);
  const base = {
    capacity: Number(row.capacity),
    status: row.status as SessionView['status'],
    startsAt: Number(row.starts_at),
  };
  return {
    id: Number(row.id),
    title: String(row.title),
    summary: (row.track_summary as string | null) ?? '',
    audience: row.audience as SessionView['audience'],
    organisation: {
      id: Number(row.organisation_id),
      slug: String(row.org_slug),
      name: String(row.org_name),
      contactEmail: (row.org_email as string | null) ?? null,
      contactPhone: (row.org_phone as string | null) ?? null,
    },
    trackId: row.track_id == null ? null : Number(row.track_id),
    trainerId: row.trainer_id == null ? null : Number(row.trainer_id),
    startsAt: base.startsAt,
    endsAt: Number(row.ends_at),
    venue: { name: String(row.venue_name), address: String(row.venue_address ?? '') },
    school:
      row.school_uai == null || row.school_name == null
        ? null
        : {
            uai: String(row.school_uai),
            name: String(row.school_name),
            arrondissement: Number(row.school_arrondissement),
            latitude: row.school_lat == null ? null : Number(row.school_lat),
            longitude: row.school_lon == null ? null : Number(row.school_lon),
          },
    capacity: base.capacity,
    confirmedSeats: confirmed,
    seatsLeft: seatsLeft(base.capacity, confirmed),
    waitlistLength: Number(row.waitlist_length),
    languages: JSON.parse(String(row.languages ?? '["fr"]')) as string[],
    equipmentKinds: JSON.parse(String(row.track_kinds ?? '[]')) as string[],
    interpreterNote: String(row.interpreter_note ?? ''),
    childcareNote: String(row.childcare_note ?? ''),
    accessibilityNote: String(row.accessibility_note ?? ''),
    status: base.status,
    cancelReason: (row.cancel_reason as string | null) ?? null,
    changeCount: Number(row.change_count),
    availability: availability(base, confirmed, now),
  };
}

function sessionWhere(filters: SessionFilters, now: number): { where: string; args: InValue[] } {
  const where: string[] = [];
  const args: InValue[] = [];
  if (!filters.includeCancelled) where.push(`s.status = 'scheduled'`);
  if (filters.audience) (where.push('s.audience = ?'), args.push(filters.audience));
  if (filters.arrondissement) (where.push('sc.arrondissement = ?'), args.push(filters.arrondissement));
  if (filters.schoolUai) (where.push('s.school_uai = ?'), args.push(filters.schoolUai));
  if (filters.organisationId) (where.push('s.organisation_id = ?'), args.push(filters.organisationId));
  if (filters.trackId) (where.push('s.track_id = ?'), args.push(filters.trackId));
  if (filters.language) (where.push('exists (select 1 from json_each(s.languages) where value = ?)'), args.push(filters.language));
  if (filters.ids) where.push(`s.id in (${filters.ids.map(Number).join(',') || 'null'})`);
  if (filters.near) {
    const near = nearClause(filters.near);
    where.push(near.sql);
    args.push(...near.args);
  }
  // starts_at bounds the index range (no session lasts a day); ends_at keeps one under way.
  where.push('s.starts_at > ? and s.ends_at > ?');
  args.push((filters.from ?? now) - 86_400_000, filters.from ?? now);
  if (filters.to) (where.push('s.starts_at < ?'), args.push(filters.to));
  return { where: where.join(' and '), args };
}

// A little more than NEAR_KM around the school (a degree of latitude is 111 km; one of
// longitude shrinks with the cosine of the latitude).
function nearClause(place: NearPlace): { sql: string; args: InValue[] } {
  const clauses = ['s.school_uai = ?', 'sc.arrondissement = ?'];
  const args: InValue[] = [place.uai, place.arrondissement];
  if (place.latitude != null && place.longitude != null) {
    const dLat = (NEAR_KM * 1.01) / 111;
    const dLon = dLat / Math.cos((place.latitude * Math.PI) / 180);
    clauses.push('(sc.latitude between ? and ? and sc.longitude between ? and ?)');
    args.push(place.latitude - dLat, place.latitude + dLat, place.longitude - dLon, place.longitude + dLon);
  }
  return { sql: `(${clauses.join(' or ')})`, args };
}

export async function listSessions(db: Db, filters: SessionFilters = {}, now = Date.now()): Promise<SessionView[]> {
  const { where, args } = sessionWhere(filters, now);
  const limit = Math.min(filters.limit ?? 500, 2000);
  const rs = await db.$client.execute({ sql: `${SELECT} where ${where} order by s.starts_at, s.id limit ${limit}`, args });
  return rs.rows.map((r) => toView(parseRow(r as Record<string, unknown>), now));
}

// How many sessions listSessions() would find without its limit.
export async function countSessions(db: Db, filters: SessionFilters = {}, now = Date.now()): Promise<number> {
  const { where, args } = sessionWhere(filters, now);
  const rs = await db.$client.execute({
    sql: `select count(*) as n from sessions s left join schools sc on sc.uai = s.school_uai where ${where}`,
    args,
  });
  return Number(rs.rows[0]?.n ?? 0);
}

export async function getSession(db: Db, id: number, now = Date.now()): Promise<SessionView | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const rs = await db.$client.execute({ sql: `${SELECT} where s.id = ?`, args: [id] });
  const row = rs.rows[0];
  return row ? toView(parseRow(row as Record<string, unknown>), now) : null;
}

// Just what decides whether a session takes bookings: the cheap check on the booking path.
export async function bookingGate(db: Db, id: number): Promise<{ status: string; startsAt: number; audience: 'parent' | 'teacher' } | null> {
  const rs = await db.$client.execute({ sql: 'select status, starts_at, audience from sessions where id = ?', args: [id] });
  const row = rs.rows[0];
  return row ? { status: String(row.status), startsAt: Number(row.starts_at), audience: row.audience as 'parent' | 'teacher' } : null;
}

// Sessions near a school, soonest first, with their distance (kilometres) from it.
export function nearSchool(sessions: SessionView[], school: NearPlace, radiusKm = NEAR_KM): { session: SessionView; km: number | null }[] {
  return sessions
    .map((session) => {
      const at = session.school;
      if (at?.uai === school.uai) return { session, km: 0 };
      if (at?.latitude != null && at.longitude != null && school.latitude != null && school.longitude != null) {
        return { session, km: haversineKm({ lat: school.latitude, lon: school.longitude }, { lat: at.latitude, lon: at.longitude }) };
      }
      return { session, km: at?.arrondissement === school.arrondissement ? null : Infinity };
    })
    .filter((x) => x.km === null || x.km <= radiusKm);
}

// The public JSON shape of DESIGN.md ("GET /api/v1/sessions").
export function sessionJson(s: SessionView) {
  return {
    id: s.id,
    title: s.title,
    audience: s.audience,
    organisation: s.organisation.slug,
    startsAt: toParisIso(s.startsAt),
    endsAt: toParisIso(s.endsAt),
    venue: { name: s.venue.name, address: s.venue.address },
    school: s.school ? { uai: s.school.uai, name: s.school.name, arrondissement: s.school.arrondissement } : null,
    capacity: s.capacity,
    seatsLeft: s.seatsLeft,
    waitlistLength: s.waitlistLength,
    languages: s.languages,
    equipmentKinds: s.equipmentKinds,
    status: s.status,
  };
}
