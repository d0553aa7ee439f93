// The import page's two steps, without script: a file is sent and previewed; the preview
// carries the file's text back in its form, and confirming applies it in one write.
import { decodeUpload } from './rollout-import';
import type { ImportMode, ImportPlan } from './rollout-import';
import { rememberBuilding } from './building-memory.server';
import { undoRolloutImport } from './rollout-undo.server';
import type { Db } from '~/platform/db/db.server';
import { applyRolloutImport, previewRolloutImport } from './rollouts.server';
import type { SessionUser } from '~/features/accounts/users.server';

// The portal refuses request bodies over 2 MB; the preview form sends the text back with it.
export const MAX_UPLOAD_BYTES = 1_900_000;

export type UploadOutcome =
  | { step: 'error'; error: 'noFile' | 'tooBig' | 'badSchool' }
  | { step: 'preview'; plan: ImportPlan; content: string; fileName: string; remembered?: string }
  | { step: 'applied'; counts: ImportPlan['counts']; written: number; held: number }
  | { step: 'undone'; restored: number; kept: number }
  | { step: 'undoFailed' };

async function readUpload(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

const modeOf = (form: FormData): ImportMode => (form.get('mode') === 'add' ? 'add' : 'replace');

// The preview's second-step forms carry the file's text back: apply it, or tie a building to a
// school and preview again.
async function withContent(db: Db, user: SessionUser, form: FormData, fileName: string): Promise<UploadOutcome> {
  const actor = { kind: 'user' as const, userId: user.id };
  // The remember forms name it fileText: only the apply form carries `content`.
  const content = String(form.get('content') ?? form.get('fileText') ?? '');
  const mode = modeOf(form);
  if (!content.trim()) return { step: 'error', error: 'noFile' };
  if (form.get('intent') === 'remember') {
    const place = String(form.get('place') ?? '');
    const uai = String(form.get('uai') ?? '')
      .trim()
      .toUpperCase();
    const saved = await rememberBuilding(db, actor, place, uai);
    const plan = await previewRolloutImport(db, content, Date.now(), mode);
    return saved ? { step: 'preview', plan, content, fileName, remembered: place } : { step: 'error', error: 'badSchool' };
  }
  const allowDrops = new Set(form.getAll('allow').map(String));
  const { plan, written, held } = await applyRolloutImport(db, actor, content, { fileName, mode, allowDrops });
  return { step: 'applied', counts: plan.counts, written, held: held.length };
}

export async function handleImportPost(db: Db, user: SessionUser, request: Request): Promise<UploadOutcome> {
  const form = await readUpload(request);
  if (!form) return { step: 'error', error: 'tooBig' };
  const fileName = String(form.get('fileName') ?? '').slice(0, 200);
  const intent = form.get('intent');
  if (intent === 'undo') {
    const outcome = await undoRolloutImport(db, { kind: 'user', userId: user.id }, Number(form.get('id')));
    return outcome.ok ? { step: 'undone', restored: outcome.restored, kept: outcome.keptChanged.length } : { step: 'undoFailed' };
  }
  if (intent === 'apply' || intent === 'remember') return withContent(db, user, form, fileName);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { step: 'error', error: 'noFile' };
  if (file.size > MAX_UPLOAD_BYTES) return { step: 'error', error: 'tooBig' };
  const content = decodeUpload(new Uint8Array(await file.arrayBuffer()));
  return {
    step: 'preview',
    plan: await previewRolloutImport(db, content, Date.now(), modeOf(form)),
    content,
    fileName: file.name.slice(0, 200),
  };
}
