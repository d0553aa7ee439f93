// Tracks: what each training body teaches, and the equipment kinds a teacher track trains for
// (the link between attendance and readiness).
import { eq } from 'drizzle-orm';
import { organisations, tracks } from '~db/schema';
import type { Db } from '~/platform/db/db.server';

export interface TrackView {
  id: number;
  slug: string;
  title: string;
  audience: 'parent' | 'teacher';
  organisation: string;
  equipmentKinds: string[];
}

export async function listTracks(db: Db): Promise<TrackView[]> {
  return db
    .select({
      id: tracks.id,
      slug: tracks.slug,
      title: tracks.title,
      audience: tracks.audience,
      organisation: organisations.slug,
      equipmentKinds: tracks.equipmentKinds,
    })
    .from(tracks)
    .innerJoin(organisations, eq(organisations.id, tracks.organisationId))
    .orderBy(tracks.audience, tracks.title);
}

// The public JSON shape ("GET /api/v1/tracks").
export function trackJson(t: TrackView) {
  return { id: t.id, title: t.title, audience: t.audience, organisation: t.organisation, equipmentKinds: t.equipmentKinds };
}
