// JSON in and out for /api/v1: one error shape, `{ error, errors: { field: message } }`.
import { t } from '~/i18n';

// With its length: the compression in front (scripts/serve.ts) then leaves a body under its
// threshold as it is (without it, a 300-byte booking answer went through a brotli stream),
// and Node sends one plain body instead of chunks.
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
    },
  });
}

export function jsonError(status: number, message: string, errors?: Record<string, string>, headers: Record<string, string> = {}) {
  return json(errors ? { error: message, errors } : { error: message }, status, headers);
}

export type JsonBody = { ok: true; body: unknown } | { ok: false; response: Response };

export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: jsonError(415, 'Envoyez du JSON (Content-Type: application/json).') };
  }
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, response: jsonError(400, t('fr', 'errors.invalidJson')) };
  }
  if (text.length > maxBytes) return { ok: false, response: jsonError(413, 'La demande est trop grande.') };
  if (text.trim() === '') return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, t('fr', 'errors.invalidJson')) };
  }
}

export function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,12}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}
