// Training sessions as people see them: the catalog, one session, and its JSON shape.
import { and, between, count, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { organisations, schools, sessions, tracks, type Translations } from '~db/schema';
import { confirmedSeats, qualified, waitlistLength } from '~/features/registration/seat-sql';
import { jsonObjectOrNull, jsonRow, jsonText } from '~/platform/db/json-object';
import { preparedOnce } from '~/platform/db/prepared';
import { availability, haversineKm, seatsLeft, type Availability } from './availability';
import { toParisIso } from '~/platform/text/dates';
import type { Db } from '~/platform/db/db.server';
import { inOrder, type CourseDate } from '~/features/courses/course-dates';
import { datesJson } from '~/features/courses/course-dates.server';

export interface SessionView {
  id: number;
  title: string;
  summary: string;
  audience: 'parent' | 'teacher';
  organisation: {
    id: number;
    slug: string;
    name: string;
    contactEmail: string | null;
    contactPhone: string | null;
    audience: 'parent' | 'teacher' | null;
  };
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
  // The public texts in Arabic and English where written (public-texts.ts picks them).
  translations: Translations;
  trackTitle: string;
  trackTranslations: Translations;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  changeCount: number;
  availability: Availability;
  // A course's dates in time order (cancelled ones included); empty for a single date.
  dates: CourseDate[];
}

export interface SessionFilters {
  audience?: 'parent' | 'teacher';
  arrondissement?: number;
  schoolUai?: string;
  from?: number;
  to?: number;
  language?: string;
  organisationId?: number;
  // Sessions this trainer runs (a plain trainer's list).
  trainerId?: number;
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

// One JSON object per session, built by SQLite (json-object.ts: the client is slow at turning
// many columns into JS values, and the catalog reads dozens), shaped as SessionView.
const VIEW = jsonRow({
  id: sessions.id,
  title: sessions.title,
  summary: sql<string>`coalesce(${tracks.summary}, '')`,
  audience: sessions.audience,
  organisation: {
    id: organisations.id,
    slug: organisations.slug,
    name: organisations.name,
    contactEmail: organisations.contactEmail,
    contactPhone: organisations.contactPhone,
    audience: organisations.audience,
  },
  trackId: sessions.trackId,
  trainerId: sessions.trainerId,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  venue: { name: sessions.venueName, address: sessions.venueAddress },
  school: jsonObjectOrNull(schools.uai, {
    uai: schools.uai,
    name: schools.name,
    arrondissement: schools.arrondissement,
    latitude: schools.latitude,
    longitude: schools.longitude,
  }),
  capacity: sessions.capacity,
  confirmedSeats: confirmedSeats(sessions.id),
  waitlistLength: waitlistLength(sessions.id),
  languages: sessions.languages,
  equipmentKinds: jsonText<string[]>(sql`coalesce(${tracks.equipmentKinds}, '[]')`),
  interpreterNote: sessions.interpreterNote,
  childcareNote: sessions.childcareNote,
  accessibilityNote: sessions.accessibilityNote,
  translations: sessions.translations,
  trackTitle: sql<string>`coalesce(${tracks.title}, '')`,
  trackTranslations: jsonText<Translations>(sql`coalesce(${tracks.translations}, '{}')`),
  status: sessions.status,
  cancelReason: sessions.cancelReason,
  changeCount: sessions.changeCount,
  dates: jsonText<CourseDate[]>(datesJson(sessions.id)),
});

function selectViews(db: Db) {
  return db
    .select({ view: VIEW })
    .from(sessions)
    .innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .leftJoin(schools, eq(schools.uai, sessions.schoolUai))
    .leftJoin(tracks, eq(tracks.id, sessions.trackId));
}

// What the database says, plus what follows from it (seats left, availability at `now`).
function withAvailability(view: Omit<SessionView, 'seatsLeft' | 'availability'>, now: number): SessionView {
  return {
    ...view,
    dates: inOrder(view.dates),
    seatsLeft: seatsLeft(view.capacity, view.confirmedSeats),
    availability: availability(view, view.confirmedSeats, now),
  };
}

const p = sql.placeholder;

// The filters as placeholder values, and the shape of the where clause they need (which
// filters are set), so each shape is built once (prepared.ts).
function sessionParams(filters: SessionFilters, now: number) {
  const from = filters.from ?? now;
  const near = filters.near;
  const box = near?.latitude != null && near.longitude != null ? nearBox(near.latitude, near.longitude) : undefined;
  const values = {
    audience: filters.audience,
    arrondissement: filters.arrondissement || undefined,
    schoolUai: filters.schoolUai || undefined,
    organisationId: filters.organisationId || undefined,
    trainerId: filters.trainerId || undefined,
    trackId: filters.trackId || undefined,
    language: filters.language || undefined,
    ids: filters.ids ? JSON.stringify(filters.ids.map(Number)) : undefined,
    nearUai: near?.uai,
    nearArrondissement: near?.arrondissement,
    ...box,
    // starts_at bounds the index range (no session lasts a day); ends_at keeps one under way.
    startsAfter: from - 86_400_000,
    endsAfter: from,
    startsBefore: filters.to || undefined,
  };
  const set = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== undefined);
  const shape = `${filters.includeCancelled ? 'all' : 'scheduled'}:${set.join(',')}`;
  return { values, shape, has: (k: keyof typeof values) => values[k] !== undefined, cancelled: Boolean(filters.includeCancelled) };
}

// A little more than NEAR_KM around the school (a degree of latitude is 111 km; one of
// longitude shrinks with the cosine of the latitude).
function nearBox(latitude: number, longitude: number) {
  const dLat = (NEAR_KM * 1.01) / 111;
  const dLon = dLat / Math.cos((latitude * Math.PI) / 180);
  return { latFrom: latitude - dLat, latTo: latitude + dLat, lonFrom: longitude - dLon, lonTo: longitude + dLon };
}

function sessionWhere({ has, cancelled }: ReturnType<typeof sessionParams>): SQL | undefined {
  const when = (key: Parameters<typeof has>[0], condition: () => SQL | undefined) => (has(key) ? condition() : undefined);
  return and(
    cancelled ? undefined : eq(sessions.status, sql`'scheduled'`),
    when('audience', () => eq(sessions.audience, p('audience'))),
    when('arrondissement', () => eq(schools.arrondissement, p('arrondissement'))),
    when('schoolUai', () => eq(sessions.schoolUai, p('schoolUai'))),
    when('organisationId', () => eq(sessions.organisationId, p('organisationId'))),
    when('trainerId', () => eq(sessions.trainerId, p('trainerId'))),
    when('trackId', () => eq(sessions.trackId, p('trackId'))),
    when('language', () => sql`exists (select 1 from json_each(${qualified(sessions.languages)}) where value = ${p('language')})`),
    when('ids', () => sql`${qualified(sessions.id)} in (select value from json_each(${p('ids')}))`),
    when('nearUai', () =>
      or(
        eq(sessions.schoolUai, p('nearUai')),
        eq(schools.arrondissement, p('nearArrondissement')),
        has('latFrom')
          ? and(between(schools.latitude, p('latFrom'), p('latTo')), between(schools.longitude, p('lonFrom'), p('lonTo')))
          : undefined,
      ),
    ),
    gt(sessions.startsAt, p('startsAfter')),
    gt(sessions.endsAt, p('endsAfter')),
    when('startsBefore', () => lt(sessions.startsAt, p('startsBefore'))),
  );
}

export async function listSessions(db: Db, filters: SessionFilters = {}, now = Date.now()): Promise<SessionView[]> {
  const params = sessionParams(filters, now);
  const query = preparedOnce(db, `sessions.list:${params.shape}`, () =>
    selectViews(db).where(sessionWhere(params)).orderBy(sessions.startsAt, sessions.id).limit(p('limit')).prepare(),
  );
  const rows = await query.all({ ...params.values, limit: Math.min(filters.limit ?? 500, 2000) });
  return rows.map((r) => withAvailability(r.view, now));
}

// How many sessions listSessions() would find without its limit.
export async function countSessions(db: Db, filters: SessionFilters = {}, now = Date.now()): Promise<number> {
  const params = sessionParams(filters, now);
  const query = preparedOnce(db, `sessions.count:${params.shape}`, () =>
    db.select({ n: count() }).from(sessions).leftJoin(schools, eq(schools.uai, sessions.schoolUai)).where(sessionWhere(params)).prepare(),
  );
  const [row] = await query.all(params.values);
  return row?.n ?? 0;
}

export async function getSession(db: Db, id: number, now = Date.now()): Promise<SessionView | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const query = preparedOnce(db, 'sessions.get', () =>
    selectViews(db)
      .where(eq(sessions.id, p('id')))
      .prepare(),
  );
  const row = await query.get({ id });
  return row ? withAvailability(row.view, now) : null;
}

// Just what decides whether a session takes bookings: the cheap check on the booking path.
export async function bookingGate(
  db: Db,
  id: number,
): Promise<{ status: string; startsAt: number; audience: 'parent' | 'teacher' } | null> {
  const query = preparedOnce(db, 'sessions.gate', () =>
    db
      .select({ status: sessions.status, startsAt: sessions.startsAt, audience: sessions.audience })
      .from(sessions)
      .where(eq(sessions.id, p('id')))
      .prepare(),
  );
  return (await query.get({ id })) ?? null;
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
    // Every date it is held on: one for a single session, each date of a course (booked once).
    dates: sessionDates(s).map((d) => ({ id: d.id, startsAt: toParisIso(d.startsAt), endsAt: toParisIso(d.endsAt), status: d.status })),
  };
}

// The dates a session is held on, a single session being one date (with no id of its own).
export function sessionDates(
  s: Pick<SessionView, 'dates' | 'startsAt' | 'endsAt' | 'status'>,
): (Omit<CourseDate, 'id'> & { id: number | null })[] {
  return s.dates.length ? s.dates : [{ id: null, startsAt: s.startsAt, endsAt: s.endsAt, status: s.status }];
}
