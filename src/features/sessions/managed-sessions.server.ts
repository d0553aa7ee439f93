// The sessions a staff member runs, as the trainer pages list them: trainers the ones they run,
// coordinators their organisation's, Drane staff every teacher session, admins everything
// (permissions.ts).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { organisations, tracks } from '~db/schema';
import type { Audience } from './session-input';
import type { Db } from '~/platform/db/db.server';
import { listSessions, type SessionFilters, type SessionView } from './sessions.server';
import { TRAINER_ORGANISATIONS, type SessionUser } from '~/features/accounts/users.server';

const DAY = 24 * 60 * 60 * 1000;
export const PAST_DAYS = 90;

export function sessionScope(user: SessionUser): SessionFilters {
  if (user.role === 'admin') return {};
  if (user.role === 'drane') return { audience: 'teacher' };
  // A trainer without an organisation manages nothing: an impossible id lists nothing.
  const organisation = { organisationId: user.organisationId ?? -1 };
  return user.role === 'coordinator' ? organisation : { ...organisation, trainerId: user.id };
}

// Upcoming (and running) sessions soonest first, also those ended since `from` (the home
// keeps today's whole day); or the past ones, latest first.
export async function managedSessions(
  db: Db,
  user: SessionUser,
  { past = false, from }: { past?: boolean; from?: number } = {},
  now = Date.now(),
): Promise<SessionView[]> {
  const scope = { ...sessionScope(user), includeCancelled: true, limit: 300 };
  if (!past) return listSessions(db, { ...scope, from: from ?? now }, now);
  const list = await listSessions(db, { ...scope, from: now - PAST_DAYS * DAY, to: now }, now);
  return list.filter((s) => s.endsAt <= now).reverse();
}

export interface TrackOption {
  id: number;
  title: string;
  audience: Audience;
  organisationId: number;
  durationMinutes: number;
  equipmentKinds: string[];
}

// The tracks this person may plan a session of.
export async function availableTracks(db: Db, user: SessionUser): Promise<TrackOption[]> {
  const scope = sessionScope(user);
  const where = scope.audience
    ? eq(tracks.audience, 'teacher')
    : scope.organisationId
      ? eq(tracks.organisationId, scope.organisationId)
      : undefined;
  return db
    .select({
      id: tracks.id,
      title: tracks.title,
      audience: tracks.audience,
      organisationId: tracks.organisationId,
      durationMinutes: tracks.durationMinutes,
      equipmentKinds: tracks.equipmentKinds,
    })
    .from(tracks)
    .where(and(where, isNull(tracks.retiredAt)))
    .orderBy(tracks.audience, tracks.title);
}

export interface OrganisationOption {
  id: number;
  slug: string;
  name: string;
}

// Only admins choose the organisation; everyone else plans for their own.
export async function organisationOptions(db: Db, user: SessionUser): Promise<OrganisationOption[]> {
  if (user.role !== 'admin') return [];
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.slug, [...TRAINER_ORGANISATIONS]))
    .orderBy(organisations.name);
}
