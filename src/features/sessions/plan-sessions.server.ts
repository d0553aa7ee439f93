// Planning sessions: one session or a weekly series from a draft, its track, school and
// organisation resolved and checked, each session with its audit entry in the same write.
import type { Notified } from '~/features/notices/reach';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditLog, organisations, schools, sessions, tracks } from '~db/schema';
import { auditColumns } from '~/features/audit/audit.server';
import type { FieldErrors } from '~/features/registration/registration-input';
import type { Audience, SessionDraft } from './session-input';
import type { Db } from '~/platform/db/db.server';
import { batchOf, type Statement } from '~/platform/db/query-parts';
import { audienceFits, can } from '~/features/auth/permissions';
import { listSessions, type SessionView } from './sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';
import { queueInterestMatches, reachedSchools } from '~/features/interest/interest-match.server';
import { courseSpan, type NewDate } from '~/features/courses/course-dates';
import { courseDatesStatement } from '~/features/courses/course-dates.server';

// What the planning and change functions answer, with its HTTP meaning; `error` and field
// errors are translation keys.
export type SessionResult =
  | { status: 200 | 201; session: SessionView; sessions?: SessionView[]; told?: number; promoted?: number; notified?: Notified }
  | { status: 422; errors: FieldErrors }
  | { status: 403 | 404 | 409; error: string; params?: Record<string, string | number> };

// Ligue trains parents, the Drane teachers: what a free-title session is for when unsaid.
const AUDIENCE_OF: Record<string, Audience> = { ligue: 'parent', drane: 'teacher' };
const ORGANISATION_FOR: Record<Audience, string> = { parent: 'ligue', teacher: 'drane' };

interface Resolved {
  organisationId: number;
  organisationAudience: Audience | null;
  audience: Audience;
  title: string;
  trackId: number | null;
  venueName: string;
  venueAddress: string;
  schoolUai: string | null;
}

// A school as a venue: its name, and its address as a map app understands it.
export async function schoolVenue(db: Db, uai: string): Promise<{ name: string; address: string } | null> {
  const [row] = await db
    .select({ name: schools.name, address: schools.address, postcode: schools.postcode, city: schools.city })
    .from(schools)
    .where(eq(schools.uai, uai));
  if (!row) return null;
  const place = [row.postcode, row.city].filter(Boolean).join(' ');
  return { name: row.name, address: [row.address, place].filter(Boolean).join(', ') };
}

async function organisationIdOf(db: Db, slug: string | null | undefined): Promise<number | null> {
  if (!slug) return null;
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  return row?.id ?? null;
}

async function audienceOfOrganisation(db: Db, id: number): Promise<Audience | null> {
  const [row] = await db.select({ audience: organisations.audience }).from(organisations).where(eq(organisations.id, id));
  return row?.audience ?? null;
}

async function trackOf(db: Db, id: number | null | undefined) {
  if (!id) return undefined;
  const [row] = await db
    .select({ id: tracks.id, audience: tracks.audience, organisationId: tracks.organisationId, title: tracks.title })
    .from(tracks)
    // A retired track is offered no more.
    .where(and(eq(tracks.id, id), isNull(tracks.retiredAt)));
  return row;
}

async function resolveDraft(
  db: Db,
  user: SessionUser,
  draft: SessionDraft,
): Promise<{ ok: true; value: Resolved } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const track = await trackOf(db, draft.trackId);
  if (draft.trackId && !track) errors.trackId = 'trainer.errors.track';
  if (track && draft.audience && draft.audience !== track.audience) errors.audience = 'trainer.errors.audienceOfTrack';
  const school = draft.schoolUai ? await schoolVenue(db, draft.schoolUai) : null;
  if (draft.schoolUai && !school) errors.schoolUai = 'trainer.errors.school';
  const named = await organisationIdOf(db, draft.organisation);
  if (draft.organisation && !named) errors.organisation = 'trainer.errors.organisation';
  const audience = track?.audience ?? draft.audience ?? AUDIENCE_OF[user.organisationSlug ?? ''] ?? 'parent';
  const organisationId = track
    ? track.organisationId
    : (named ?? user.organisationId ?? (await organisationIdOf(db, ORGANISATION_FOR[audience])));
  if (!organisationId) errors.organisation ??= 'trainer.errors.organisation';
  const title = draft.title ?? track?.title ?? '';
  if (!title) errors.title = 'trainer.errors.titleRequired';
  const venueName = draft.venueName ?? school?.name ?? '';
  if (Object.keys(errors).length || !organisationId) return { ok: false, errors };
  return {
    ok: true,
    value: {
      organisationId,
      organisationAudience: await audienceOfOrganisation(db, organisationId),
      audience,
      title,
      trackId: track?.id ?? null,
      venueName,
      venueAddress: draft.venueAddress ?? school?.address ?? '',
      schoolUai: draft.schoolUai,
    },
  };
}

function insertStatements(
  db: Db,
  user: SessionUser,
  r: Resolved,
  draft: SessionDraft,
  startsAt: number,
  seriesOf: number,
  now: number,
  endsAt = startsAt + (draft.endsAt - draft.startsAt),
) {
  const created = sql`json_object('title', ${sessions.title}, 'startsAt', ${sessions.startsAt}, 'capacity', ${sessions.capacity}, 'seriesOf', ${seriesOf})`;
  return [
    db
      .insert(sessions)
      .values({
        trackId: r.trackId,
        organisationId: r.organisationId,
        trainerId: user.role === 'trainer' || user.role === 'coordinator' ? user.id : null,
        title: r.title,
        audience: r.audience,
        startsAt,
        endsAt,
        venueName: r.venueName,
        venueAddress: r.venueAddress,
        schoolUai: r.schoolUai,
        capacity: draft.capacity,
        languages: draft.languages,
        interpreterNote: draft.interpreterNote,
        childcareNote: draft.childcareNote,
        accessibilityNote: draft.accessibilityNote,
        translations: draft.translations,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: sessions.id }),
    // Right after its insert, last_insert_rowid() is this session: a batch runs on one connection.
    db.insert(auditLog).select(
      db
        .select(
          auditColumns({ kind: 'user', userId: user.id }, 'session.created', 'session', sql<string>`cast(${sessions.id} as text)`, created),
        )
        .from(sessions)
        .where(eq(sessions.id, sql`last_insert_rowid()`)),
    ),
  ] as const;
}

// The statements that create what was asked: a session on each start (a weekly series gives
// several), or one course over all the dates.
function planStatements(db: Db, user: SessionUser, r: Resolved, draft: SessionDraft, starts: number[], now: number, dates?: NewDate[]) {
  if (!dates) return starts.flatMap((start) => insertStatements(db, user, r, draft, start, starts.length, now));
  const span = courseSpan(dates);
  return [...insertStatements(db, user, r, draft, span.startsAt, 1, now, span.endsAt), courseDatesStatement(db, dates)];
}

// Creates the session on each start (a weekly series gives several), or, with `dates`, one
// course over them (booked once); all or none.
export async function createSessions(
  db: Db,
  user: SessionUser,
  draft: SessionDraft,
  starts: number[] = [draft.startsAt],
  now = Date.now(),
  { dates }: { dates?: NewDate[] } = {},
): Promise<SessionResult> {
  const resolved = await resolveDraft(db, user, draft);
  if (!resolved.ok) return { status: 422, errors: resolved.errors };
  const r = resolved.value;
  const ref = { organisationId: r.organisationId, audience: r.audience, organisationAudience: r.organisationAudience };
  if (!can(user, 'manage-session', ref)) {
    // Saying which audience the organisation trains helps more than a bare "not yours".
    const otherAudience = user.organisationId === r.organisationId && !audienceFits(ref);
    return {
      status: 403,
      error: otherAudience ? `privacyNotice.audience.${r.organisationAudience}Only` : 'trainer.errors.notYourOrganisation',
    };
  }
  const statements: Statement[] = planStatements(db, user, r, draft, starts, now, dates);
  // Parents waiting near that school hear of the first date (a weekly series is one workshop to them).
  const reached = await reachedSchools(db, { audience: r.audience, schoolUai: r.schoolUai, languages: draft.languages });
  if (reached.length && draft.languages.length) statements.splice(2, 0, queueInterestMatches(db, reached, draft.languages, now));
  const results = await db.batch(batchOf(statements));
  // The inserts' `returning` rows (the audit inserts give a result set).
  const ids = results.flatMap((result) => (Array.isArray(result) ? result.map((row) => row.id) : []));
  const sessions = await listSessions(db, { ids, includeCancelled: true, from: 0 }, now);
  return { status: 201, session: sessions[0]!, sessions };
}
