// The sessions a staff member runs, as the trainer pages list them: trainers see their own
// organisation's, Drane staff every teacher session, admins everything (permissions.ts).
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
  return { organisationId: user.organisationId ?? -1 };
}

// Upcoming (and running) sessions soonest first; or the past ones, latest first.
export async function managedSessions(db: Db, user: SessionUser, { past = false } = {}, now = Date.now()): Promise<SessionView[]> {
  const scope = { ...sessionScope(user), includeCancelled: true, limit: 300 };
  if (!past) return listSessions(db, { ...scope, from: now }, now);
  const list = await listSessions(db, { ...scope, from: now - PAST_DAYS * DAY, to: now }, now);
  return list.filter((s) => s.endsAt <= now).reverse();
}

export interface TrackOption {
  id: number;
  title: string;
  audience: Audience;
  organisationId: number;
  durationMinutes: number;
}

// The tracks this person may plan a session of.
export async function availableTracks(db: Db, user: SessionUser): Promise<TrackOption[]> {
  const scope = sessionScope(user);
  const where = scope.audience ? `where audience = 'teacher'` : scope.organisationId ? 'where organisation_id = ?' : '';
  const rs = await db.$client.execute({
    sql: `select id, title, audience, organisation_id, duration_minutes from tracks ${where} order by audience, title`,
    args: scope.organisationId && !scope.audience ? [scope.organisationId] : [],
  });
  return rs.rows.map((r) => ({
    id: Number(r.id),
    title: String(r.title),
    audience: r.audience as Audience,
    organisationId: Number(r.organisation_id),
    durationMinutes: Number(r.duration_minutes),
  }));
}

export interface OrganisationOption {
  id: number;
  slug: string;
  name: string;
}

// Only admins choose the organisation; everyone else plans for their own.
export async function organisationOptions(db: Db, user: SessionUser): Promise<OrganisationOption[]> {
  if (user.role !== 'admin') return [];
  const rs = await db.$client.execute({
    sql: `select id, slug, name from organisations where slug in (${TRAINER_ORGANISATIONS.map(() => '?').join(', ')}) order by name`,
    args: [...TRAINER_ORGANISATIONS],
  });
  return rs.rows.map((r) => ({ id: Number(r.id), slug: String(r.slug), name: String(r.name) }));
}
