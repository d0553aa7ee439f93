// What a booking form or API body may contain, and the error (a translation key) for each field.
import { z } from 'zod';
import { normaliseEmail, normalisePhone } from './contact';
import type { RegistrationNeeds } from '~db/schema';

export const PERSON_LANGUAGES = ['fr', 'ar', 'en'] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

// Control characters and bidi overrides have no place in a name and can spoof text in emails.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Half of a UTF-16 pair, which JSON can carry: it cannot be stored as text and would come back
// as a replacement character.
const LONE_SURROGATE = /\p{Cs}/u;

const name = z
  .string({ error: 'errors.required' })
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, { error: 'errors.required' })
      .max(80, { error: 'errors.tooLong' })
      .refine((s) => !UNSAFE.test(s) && !LONE_SURROGATE.test(s), { error: 'errors.invalidCharacters' }),
  );

const optionalText = (max: number) =>
  z
    .string({ error: 'errors.invalid' })
    .max(max * 4, { error: 'errors.tooLong' })
    .transform((s) => s.trim())
    .optional()
    .nullable();

// A need in the family's words: short, plain text.
const need = (max: number) =>
  z
    .string({ error: 'errors.invalid' })
    .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .max(max, { error: 'errors.tooLong' })
        .refine((s) => !UNSAFE.test(s) && !LONE_SURROGATE.test(s), { error: 'errors.invalidCharacters' }),
    )
    .optional();

export const needsBody = z.object({ childcare: need(80), interpreter: need(40), accessibility: need(200) }, { error: 'errors.invalid' });

export const registrationBody = z.object({
  firstName: name,
  lastName: name,
  email: optionalText(254),
  phone: optionalText(40),
  schoolUai: optionalText(8),
  language: z.enum(PERSON_LANGUAGES, { error: 'errors.invalidLanguage' }).optional(),
  adults: z.union([z.literal(1), z.literal(2)], { error: 'errors.invalidAdults' }).optional(),
  consent: z.literal(true, { error: 'errors.consentRequired' }),
  needs: needsBody.optional().nullable(),
});

export interface RegistrationInput {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  schoolUai: string | null;
  language: PersonLanguage;
  adults: 1 | 2;
  needs?: RegistrationNeeds | undefined;
}

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

// Parses and normalises; `contactRequired` is false for a signed-in teacher or a trainer
// booking on someone's behalf.
export function parseRegistration(body: unknown, { contactRequired = true } = {}): Parsed<RegistrationInput> {
  const errors: FieldErrors = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  const result = registrationBody.safeParse(body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // A need's error shows beside its own field (`needs.childcare` → `childcare`).
      const field = String((issue.path[0] === 'needs' ? issue.path[1] : issue.path[0]) ?? '_');
      errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
    }
  }
  // Contacts are checked even when other fields failed, so every problem shows at once.
  const raw = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const email = text(raw.email) ? normaliseEmail(text(raw.email)) : null;
  const phone = text(raw.phone) ? normalisePhone(text(raw.phone)) : null;
  if (text(raw.email) && !email) errors.email ??= 'errors.invalidEmail';
  if (text(raw.phone) && !phone) errors.phone ??= 'errors.invalidPhone';
  if (contactRequired && !text(raw.email) && !text(raw.phone) && !errors.email && !errors.phone) errors.phone = 'errors.contactRequired';
  const schoolUai = text(raw.schoolUai) ? text(raw.schoolUai).toUpperCase() : null;
  if (schoolUai && !/^\d{7}[A-Z]$/.test(schoolUai)) errors.schoolUai ??= 'errors.invalidSchool';
  if (!result.success || Object.keys(errors).length) return { ok: false, errors };
  const v = result.data;
  return {
    ok: true,
    value: {
      firstName: v.firstName,
      lastName: v.lastName,
      email,
      phone,
      schoolUai,
      language: v.language ?? 'fr',
      adults: v.adults ?? 1,
      needs: needsOf(v.needs),
    },
  };
}

// Only what was asked for is kept; nothing asked is no row data at all.
function needsOf(needs: RegistrationNeeds | null | undefined): RegistrationNeeds | undefined {
  const kept = Object.entries(needs ?? {}).filter(([, v]) => typeof v === 'string' && v !== '');
  return kept.length ? (Object.fromEntries(kept) as RegistrationNeeds) : undefined;
}

// A form posts strings; turn them into the API's types before the same validation.
export function registrationFromForm(form: FormData): Record<string, unknown> {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  // The answer to "1 seat left for 2 adults": book one adult now, or wait for two.
  const seats = text('seats');
  const adults = seats === 'one' ? '1' : text('adults');
  return {
    firstName: text('firstName') ?? '',
    lastName: text('lastName') ?? '',
    email: text('email') || undefined,
    phone: text('phone') || undefined,
    schoolUai: text('schoolUai') || undefined,
    language: text('language') || undefined,
    adults: adults === undefined || adults === '' ? undefined : Number(adults),
    consent: text('consent') === 'on' || text('consent') === 'true' ? true : undefined,
    confirmWaitlist: seats === 'waitlist' || undefined,
    needs: { childcare: text('childcare'), interpreter: text('interpreter'), accessibility: text('accessibility') },
  };
}
