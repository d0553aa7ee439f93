// The staff track pages' POSTs: create, edit, retire or restore, through the same rules as the API.
import { eq } from 'drizzle-orm';
import { organisations } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { wordErrors } from '~/platform/text/field-errors';
import { t } from '~/i18n';
import { can } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { listTracks, type TrackView } from '~/features/sessions/tracks.server';
import { changeTrack, createTrack, trackRef, type TrackResult } from './track-admin.server';
import { parseTrackBody, parseTrackChange } from './track-input';
import { trackBodyFromForm, type FormValues } from './track-form';

export type TrackFormOutcome = { ok: true; id: number; notice: string } | { ok: false; status: number; errors: Record<string, string> };

function outcomeOf(result: TrackResult, notice: string): TrackFormOutcome {
  if ('track' in result) return { ok: true, id: result.track.id, notice };
  if ('errors' in result) return { ok: false, status: 422, errors: wordErrors('fr', result.errors) };
  return { ok: false, status: result.status, errors: { _: t('fr', result.error) } };
}

export async function submitNewTrack(db: Db, user: SessionUser, form: FormValues): Promise<TrackFormOutcome> {
  const draft = parseTrackBody(trackBodyFromForm(form, { withAudience: true }));
  if (!draft.ok) return { ok: false, status: 422, errors: wordErrors('fr', draft.errors) };
  return outcomeOf(await createTrack(db, user, draft.value), 'cree');
}

export async function submitTrackChange(db: Db, user: SessionUser, id: number, form: FormValues): Promise<TrackFormOutcome> {
  if (form.intent === 'retire' || form.intent === 'restore') {
    return outcomeOf(await changeTrack(db, user, id, { retired: form.intent === 'retire' }), form.intent === 'retire' ? 'retire' : 'remis');
  }
  const change = parseTrackChange(trackBodyFromForm(form, { withAudience: false }));
  if (!change.ok) return { ok: false, status: 422, errors: wordErrors('fr', change.errors) };
  return outcomeOf(await changeTrack(db, user, id, change.value), 'enregistre');
}

// The tracks this person may change, offered ones first.
export async function manageableTracks(db: Db, user: SessionUser): Promise<TrackView[]> {
  const all = await listTracks(db, { includeRetired: true });
  return all.filter((tr) => can(user, 'manage-tracks', trackRef(tr)));
}

// Which audiences this person may create tracks for: a trainer or coordinator only for an
// organisation that trains parents (a Drane trainer writes no track).
export async function creatableAudiences(db: Db, user: SessionUser): Promise<('parent' | 'teacher')[]> {
  if (user.role === 'admin') return ['teacher', 'parent'];
  if (user.role === 'drane') return ['teacher'];
  if (user.organisationId === null) return [];
  const [org] = await db.select({ audience: organisations.audience }).from(organisations).where(eq(organisations.id, user.organisationId));
  return org && org.audience !== 'teacher' ? ['parent'] : [];
}
