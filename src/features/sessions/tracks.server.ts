// Tracks: what each training body teaches, and the equipment kinds a teacher track trains for
// (the link between attendance and readiness).
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
  const rs = await db.$client.execute(`select t.id, t.slug, t.title, t.audience, o.slug as organisation, t.equipment_kinds
    from tracks t join organisations o on o.id = t.organisation_id order by t.audience, t.title`);
  return rs.rows.map((r) => ({
    id: Number(r.id),
    slug: String(r.slug),
    title: String(r.title),
    audience: r.audience as TrackView['audience'],
    organisation: String(r.organisation),
    equipmentKinds: JSON.parse(String(r.equipment_kinds ?? '[]')) as string[],
  }));
}

// The public JSON shape ("GET /api/v1/tracks").
export function trackJson(t: TrackView) {
  return { id: t.id, title: t.title, audience: t.audience, organisation: t.organisation, equipmentKinds: t.equipmentKinds };
}
