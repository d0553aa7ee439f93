// Creating, editing and retiring tracks (the Drane its teacher tracks, the Ligue its parent
// tracks), each change in the same write as its audit entry.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditLog, organisations, tracks } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { auditColumns, auditStatement } from '~/features/audit/audit.server';
import { can, type TrackRef } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { getTrack, type TrackView } from '~/features/sessions/tracks.server';
import type { TrackChange, TrackDraft } from './track-input';

export type TrackResult =
  { status: 200 | 201; track: TrackView } | { status: 422; errors: Record<string, string> } | { status: 403 | 404; error: string };

const FORBIDDEN = { status: 403, error: 'auth.errors.forbidden' } as const;

function slugOf(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
  // A suffix: two tracks may share a title (one retired, one new).
  return `${base || 'parcours'}-${randomBytes(3).toString('hex')}`;
}

// The organisation a track belongs to: the author's own when it trains that audience, else
// the one organisation that does (Drane staff and admins may have none).
async function organisationFor(db: Db, user: SessionUser, audience: 'parent' | 'teacher'): Promise<number | null> {
  const rows = await db.select({ id: organisations.id, audience: organisations.audience }).from(organisations);
  const own = rows.find((o) => o.id === user.organisationId);
  if (own && (own.audience === audience || (own.audience === null && user.role !== 'drane'))) return own.id;
  if (user.role === 'trainer' || user.role === 'coordinator') return null;
  return rows.find((o) => o.audience === audience)?.id ?? null;
}

export async function createTrack(db: Db, user: SessionUser, draft: TrackDraft): Promise<TrackResult> {
  const organisationId = await organisationFor(db, user, draft.audience);
  if (organisationId === null) return FORBIDDEN;
  if (!can(user, 'manage-tracks', { trackAudience: draft.audience, organisationId })) return FORBIDDEN;
  const slug = slugOf(draft.title);
  const details = sql`json_object('title', ${tracks.title}, 'audience', ${tracks.audience}, 'equipmentKinds', json(${tracks.equipmentKinds}))`;
  const [inserted] = await db.batch([
    db
      .insert(tracks)
      .values({ slug, organisationId, ...draft })
      .returning({ id: tracks.id }),
    db.insert(auditLog).select(
      db
        .select(auditColumns({ kind: 'user', userId: user.id }, 'track.create', 'track', sql<string>`cast(${tracks.id} as text)`, details))
        .from(tracks)
        .where(eq(tracks.slug, slug)),
    ),
  ]);
  return { status: 201, track: (await getTrack(db, inserted[0]!.id))! };
}

export function trackRef(track: TrackView): TrackRef {
  return { trackAudience: track.audience, organisationId: track.organisationId };
}

export async function changeTrack(db: Db, user: SessionUser, id: number, change: TrackChange): Promise<TrackResult> {
  const track = await getTrack(db, id);
  if (!track) return { status: 404, error: 'tracks.errors.notFound' };
  if (!can(user, 'manage-tracks', trackRef(track))) return FORBIDDEN;
  const { retired, ...fields } = change;
  const set = {
    ...fields,
    ...(retired === undefined ? {} : { retiredAt: retired ? (track.retiredAt ?? Date.now()) : null }),
  };
  if (Object.keys(set).length === 0) return { status: 200, track };
  const action =
    retired === true && !track.retiredAt ? 'track.retire' : retired === false && track.retiredAt ? 'track.restore' : 'track.update';
  await db.batch([
    db.update(tracks).set(set).where(eq(tracks.id, id)),
    auditStatement(db, { kind: 'user', userId: user.id }, action, 'track', id, { fields: Object.keys(change) }),
  ]);
  return { status: 200, track: (await getTrack(db, id))! };
}
