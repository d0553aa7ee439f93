// Planning sessions: one session or a weekly series from a draft, its track, school and
// organisation resolved and checked, each session with its audit entry in the same write.
import type { InStatement } from '@libsql/client';
import type { FieldErrors } from '~/features/registration/registration-input';
import type { Audience, SessionDraft } from './session-input';
import type { Db } from '~/platform/db/db.server';
import { can } from '~/features/auth/permissions';
import { listSessions, type SessionView } from './sessions.server';
import type { SessionUser } from '~/features/accounts/users.server';

// What the planning and change functions answer, with its HTTP meaning; `error` and field
// errors are translation keys.
export type SessionResult =
  | { status: 200 | 201; session: SessionView; sessions?: SessionView[]; told?: number; promoted?: number }
  | { status: 422; errors: FieldErrors }
  | { status: 403 | 404 | 409; error: string; params?: Record<string, string | number> };

// Ligue trains parents, the Drane teachers: what a free-title session is for when unsaid.
const AUDIENCE_OF: Record<string, Audience> = { ligue: 'parent', drane: 'teacher' };
const ORGANISATION_FOR: Record<Audience, string> = { parent: 'ligue', teacher: 'drane' };

interface Resolved {
  organisationId: number;
  audience: Audience;
  title: string;
  trackId: number | null;
  venueName: string;
  venueAddress: string;
  schoolUai: string | null;
}

async function one(db: Db, sql: string, args: (string | number)[]) {
  const rs = await db.$client.execute({ sql, args });
  return rs.rows[0] as Record<string, unknown> | undefined;
}

// A school as a venue: its name, and its address as a map app understands it.
export async function schoolVenue(db: Db, uai: string): Promise<{ name: string; address: string } | null> {
  const row = await one(db, 'select name, address, postcode, city from schools where uai = ?', [uai]);
  if (!row) return null;
  const place = [row.postcode, row.city].filter(Boolean).join(' ');
  return { name: String(row.name), address: [row.address, place].filter(Boolean).join(', ') };
}

async function organisationIdOf(db: Db, slug: string | null | undefined): Promise<number | null> {
  if (!slug) return null;
  const row = await one(db, 'select id from organisations where slug = ?', [slug]);
  return row ? Number(row.id) : null;
}

async function resolveDraft(db: Db, user: SessionUser, draft: SessionDraft): Promise<{ ok: true; value: Resolved } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const track = draft.trackId ? await one(db, 'select id, audience, organisation_id, title from tracks where id = ?', [draft.trackId]) : undefined;
  if (draft.trackId && !track) errors.trackId = 'trainer.errors.track';
  if (track && draft.audience && draft.audience !== track.audience) errors.audience = 'trainer.errors.audienceOfTrack';
  const school = draft.schoolUai ? await schoolVenue(db, draft.schoolUai) : null;
  if (draft.schoolUai && !school) errors.schoolUai = 'trainer.errors.school';
  const named = await organisationIdOf(db, draft.organisation);
  if (draft.organisation && !named) errors.organisation = 'trainer.errors.organisation';
  const audience = (track?.audience as Audience | undefined) ?? draft.audience ?? AUDIENCE_OF[user.organisationSlug ?? ''] ?? 'parent';
  const organisationId = track ? Number(track.organisation_id) : (named ?? user.organisationId ?? (await organisationIdOf(db, ORGANISATION_FOR[audience])));
  if (!organisationId) errors.organisation ??= 'trainer.errors.organisation';
  const title = draft.title ?? (track ? String(track.title) : '');
  if (!title) errors.title = 'trainer.errors.titleRequired';
  const venueName = draft.venueName ?? school?.name ?? '';
  if (Object.keys(errors).length || !organisationId) return { ok: false, errors };
  return {
    ok: true,
    value: {
      organisationId,
      audience,
      title,
      trackId: track ? Number(track.id) : null,
      venueName,
      venueAddress: draft.venueAddress ?? school?.address ?? '',
      schoolUai: draft.schoolUai,
    },
  };
}

function insertStatements(user: SessionUser, r: Resolved, draft: SessionDraft, startsAt: number, seriesOf: number, now: number): InStatement[] {
  return [
    {
      sql: `insert into sessions (track_id, organisation_id, trainer_id, title, audience, starts_at, ends_at, venue_name, venue_address,
              school_uai, capacity, languages, interpreter_note, childcare_note, accessibility_note, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        r.trackId, r.organisationId, user.role === 'trainer' ? user.id : null, r.title, r.audience, startsAt,
        startsAt + (draft.endsAt - draft.startsAt), r.venueName, r.venueAddress, r.schoolUai, draft.capacity,
        JSON.stringify(draft.languages), draft.interpreterNote, draft.childcareNote, draft.accessibilityNote, now, now,
      ],
    },
    // Right after its insert, last_insert_rowid() is this session: a batch runs on one connection.
    {
      sql: `insert into audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, details)
            select ?, 'user', 'session.created', 'session', cast(id as text),
              json_object('title', title, 'startsAt', starts_at, 'capacity', capacity, 'seriesOf', ?)
            from sessions where id = last_insert_rowid()`,
      args: [user.id, seriesOf],
    },
  ];
}

// Creates the session on each start (a weekly series gives several), all or none.
export async function createSessions(db: Db, user: SessionUser, draft: SessionDraft, starts: number[] = [draft.startsAt], now = Date.now()): Promise<SessionResult> {
  const resolved = await resolveDraft(db, user, draft);
  if (!resolved.ok) return { status: 422, errors: resolved.errors };
  const r = resolved.value;
  if (!can(user, 'manage-session', { organisationId: r.organisationId, audience: r.audience })) {
    return { status: 403, error: 'trainer.errors.notYourOrganisation' };
  }
  const statements = starts.flatMap((start) => insertStatements(user, r, draft, start, starts.length, now));
  const results = await db.$client.batch(statements, 'write');
  const ids = results.filter((_, i) => i % 2 === 0).map((res) => Number(res.lastInsertRowid));
  const sessions = await listSessions(db, { ids, includeCancelled: true, from: 0 }, now);
  return { status: 201, session: sessions[0]!, sessions };
}
