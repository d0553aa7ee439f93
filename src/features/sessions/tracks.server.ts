// Tracks: what each training body teaches, and the equipment kinds a teacher track trains for
// (the link between attendance and readiness).
import { and, eq, isNull } from 'drizzle-orm';
import { organisations, tracks, type Translations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export interface TrackView {
  id: number;
  slug: string;
  title: string;
  summary: string;
  audience: 'parent' | 'teacher';
  organisation: string;
  organisationId: number;
  equipmentKinds: string[];
  durationMinutes: number;
  hours: number | null;
  gaiaModule: string | null;
  translations: Translations;
  retiredAt: number | null;
}

const trackColumns = {
  id: tracks.id,
  slug: tracks.slug,
  title: tracks.title,
  summary: tracks.summary,
  audience: tracks.audience,
  organisation: organisations.slug,
  organisationId: tracks.organisationId,
  equipmentKinds: tracks.equipmentKinds,
  durationMinutes: tracks.durationMinutes,
  hours: tracks.hours,
  gaiaModule: tracks.gaiaModule,
  translations: tracks.translations,
  retiredAt: tracks.retiredAt,
};

// Retired tracks are left out unless asked for (the staff screen lists them apart).
export async function listTracks(db: Db, { includeRetired = false } = {}): Promise<TrackView[]> {
  return db
    .select(trackColumns)
    .from(tracks)
    .innerJoin(organisations, eq(organisations.id, tracks.organisationId))
    .where(includeRetired ? undefined : isNull(tracks.retiredAt))
    .orderBy(tracks.audience, tracks.title);
}

export async function getTrack(db: Db, id: number): Promise<TrackView | null> {
  const [row] = await db
    .select(trackColumns)
    .from(tracks)
    .innerJoin(organisations, eq(organisations.id, tracks.organisationId))
    .where(and(eq(tracks.id, id)));
  return row ?? null;
}

// The list's JSON shape ("GET /api/v1/tracks"), as it has always been.
export function trackSummaryJson(t: TrackView) {
  return { id: t.id, title: t.title, audience: t.audience, organisation: t.organisation, equipmentKinds: t.equipmentKinds };
}

// A track with everything staff set on it (`{ track }` answers, and the list with `?details=1`).
export function trackJson(t: TrackView) {
  return {
    ...trackSummaryJson(t),
    summary: t.summary,
    hours: t.hours,
    gaiaModule: t.gaiaModule,
    translations: t.translations,
    retired: t.retiredAt !== null,
  };
}
