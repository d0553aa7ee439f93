// What account forms and the auth API accept, and the error (a translation key) for each field.
import { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const text = (max: number, required = 'errors.required') =>
  z
    .string({ error: required })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: required }).max(max, { error: 'errors.tooLong' }));

// Passwords are taken as typed (no trimming): spaces may be part of a passphrase.
const password = z
  .string({ error: 'auth.errors.passwordRequired' })
  .min(1, { error: 'auth.errors.passwordRequired' })
  .max(1024, { error: 'auth.errors.passwordTooLong' });

// `totp`: the authenticator's code (or a recovery code), for accounts with two-factor on.
const totp = z.string({ error: 'errors.invalid' }).trim().max(40, { error: 'errors.tooLong' }).optional();
export const credentialsInput = z.object({ email: text(254), password, totp });
export const totpInput = z.object({
  code: z.string({ error: 'twoFactor.required' }).trim().min(1, { error: 'twoFactor.required' }).max(40),
});
export const emailInput = z.object({ email: text(254) });
export const newPasswordInput = z.object({ password });
export const changePasswordInput = z.object({ current: password, password });
// Missing fields pass here so the domain can report every problem of the form at once.
const optionalText = (max: number) => z.string({ error: 'errors.invalid' }).trim().max(max, { error: 'errors.tooLong' }).default('');
export const signUpInput = z.object({
  name: optionalText(120),
  email: optionalText(254),
  password: z.string({ error: 'errors.invalid' }).max(1024, { error: 'auth.errors.passwordTooLong' }).default(''),
  schoolUai: optionalText(8),
});
export const inviteInput = z.object({
  name: text(120),
  email: text(254),
  role: text(20, 'auth.errors.invalidRole'),
  organisation: z.string().trim().max(40).optional(),
});
export const roleChangeInput = z.object({
  userId: z.coerce.number().int().positive(),
  role: text(20, 'auth.errors.invalidRole'),
  organisation: z.string().trim().max(40).optional(),
});

export function parseInput<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_');
    errors[field] ??= /^(errors|auth|twoFactor)\./.test(issue.message) ? issue.message : 'errors.invalid';
  }
  return { ok: false, errors };
}

// A posted form as a plain object of its text fields (files and repeated keys ignored).
export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in out)) out[key] = value;
  return out;
}

// Where to go after signing in: a path on this site only, never another host. The check is
// made on what a browser would make of it (URL normalisation turns `/..//evil`, `/\evil`,
// tabs and newlines into another host), not on the text as given.
const HERE = 'http://passerelle.invalid';
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // A path of `//x` would be read again as another host by the browser that follows it.
  if (url.origin !== HERE || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}
