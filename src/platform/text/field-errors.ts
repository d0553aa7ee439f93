// Field errors travel as translation keys from the rules to the edge; this is the one place
// that turns them into words (pages, API answers) and into the lines of an error summary.
import { t, type Lang } from '~/i18n';
import { config } from '~/platform/config/config';

export type FieldErrors = Record<string, string>;

// Some messages name the academic domains allowed for teacher sign-up.
function knownParams(): Record<string, string> {
  return { domains: config.teacherEmailDomains.join(', @') };
}

// `rename` maps a rule's field to the form field that shows it (startsAt → date).
export function wordErrors(lang: Lang, errors: FieldErrors, rename: Record<string, string> = {}): FieldErrors {
  const params = knownParams();
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [rename[field] ?? field, t(lang, key, params)]));
}

// "Prénom : ce champ est obligatoire." The message loses its capital after the label, unless it
// starts with an acronym or a figure ("UAI…", "E-mail…").
export function summaryLine(lang: Lang, label: string | undefined, message: string): string {
  if (!label) return message;
  const lowered = /^\p{Lu}\p{Ll}/u.test(message) && lang !== 'ar' ? message[0]!.toLowerCase() + message.slice(1) : message;
  return t(lang, 'errors.fieldLine', { field: label, message: lowered });
}

// The label of a field from a prefix of translation keys (`auth.fields` → `auth.fields.email`),
// or none when that key does not exist.
export function labelFrom(lang: Lang, prefix: string | undefined, field: string): string | undefined {
  if (!prefix) return undefined;
  const key = `${prefix}.${field}`;
  const text = t(lang, key);
  return text === key ? undefined : text;
}
