// The import page's two steps, without script: a file is sent and previewed; the preview
// carries the file's text back in its form, and confirming applies it in one write.
import { decodeUpload } from './rollout-import';
import type { ImportPlan } from './rollout-import';
import type { Db } from '~/platform/db/db.server';
import { applyRolloutImport, previewRolloutImport } from './rollouts.server';
import type { SessionUser } from '~/features/accounts/users.server';

// The portal refuses request bodies over 2 MB; the preview form sends the text back with it.
export const MAX_UPLOAD_BYTES = 1_900_000;

export type UploadOutcome =
  | { step: 'error'; error: 'noFile' | 'tooBig' }
  | { step: 'preview'; plan: ImportPlan; content: string; fileName: string }
  | { step: 'applied'; counts: ImportPlan['counts']; written: number };

async function readUpload(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

export async function handleImportPost(db: Db, user: SessionUser, request: Request): Promise<UploadOutcome> {
  const form = await readUpload(request);
  if (!form) return { step: 'error', error: 'tooBig' };
  const fileName = String(form.get('fileName') ?? '').slice(0, 200);
  if (form.get('intent') === 'apply') {
    const content = String(form.get('content') ?? '');
    if (!content.trim()) return { step: 'error', error: 'noFile' };
    const { plan, written } = await applyRolloutImport(db, { kind: 'user', userId: user.id }, content, { fileName });
    return { step: 'applied', counts: plan.counts, written };
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { step: 'error', error: 'noFile' };
  if (file.size > MAX_UPLOAD_BYTES) return { step: 'error', error: 'tooBig' };
  const content = decodeUpload(new Uint8Array(await file.arrayBuffer()));
  return { step: 'preview', plan: await previewRolloutImport(db, content), content, fileName: file.name.slice(0, 200) };
}
