// Catalog filters from a query string (API and pages share them).
import { z } from 'zod';

const date = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: 'Date attendue au format ISO 8601, par exemple 2027-01-15 ou 2027-01-15T09:00:00+01:00.',
  })
  .transform((s) => Date.parse(s));

export const sessionQuery = z.object({
  audience: z.enum(['parent', 'teacher'], { error: 'Valeurs possibles : parent, teacher.' }).optional(),
  arrondissement: z.coerce
    .number({ error: 'Un arrondissement est un nombre de 1 à 16.' })
    .int({ error: 'Un arrondissement est un nombre de 1 à 16.' })
    .min(1, { error: 'Un arrondissement est un nombre de 1 à 16.' })
    .max(16, { error: 'Un arrondissement est un nombre de 1 à 16.' })
    .optional(),
  school: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(/^\d{7}[A-Z]$/, { error: "Identifiant d'école (UAI) attendu, par exemple 0131234A." }))
    .optional(),
  from: date.optional(),
  to: date.optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, { error: 'Code de langue attendu, par exemple fr ou ar.' })
    .optional(),
});

export type SessionQuery = z.output<typeof sessionQuery>;

export function parseSessionQuery(
  params: URLSearchParams,
): { ok: true; value: SessionQuery } | { ok: false; errors: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(sessionQuery.shape)) {
    const v = params.get(key);
    if (v !== null && v !== '') raw[key] = v;
  }
  const parsed = sessionQuery.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}

// The query parameters the parents' pages read; anything else (a tracking id a social network
// adds to a shared link) changes nothing on the page, is not copied into its links, and does
// not make the render cache keep another copy.
export const CATALOG_PAGE_PARAMS = ['arrondissement', 'langue', 'ecole', 'uai', 'plus'] as const;
export const SESSION_PAGE_PARAMS = ['uai'] as const;

export function pageParams(params: URLSearchParams, names: readonly string[]): URLSearchParams {
  return new URLSearchParams([...params].filter(([name]) => names.includes(name)));
}
