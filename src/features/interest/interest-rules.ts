// "Prévenez-moi" as rules: what a request may contain, how long it lives, and which schools
// count as "at or near" the child's school (same arrondissement, or within 2 km).
import { z } from 'zod';
import { normaliseEmail, normalisePhone } from '~/features/registration/contact';
import { PERSON_LANGUAGES, type FieldErrors, type Parsed, type PersonLanguage } from '~/features/registration/registration-input';
import { haversineKm } from '~/features/sessions/availability';
import { SESSION_LANGUAGES } from '~/platform/text/languages';
import { localePath, type Lang } from '~/i18n';

// A request is forgotten after six months (DESIGN rule 6): demand that old is not demand.
export const INTEREST_LIFETIME_MS = 183 * 24 * 60 * 60 * 1000;
export const NEAR_KM = 2;

export interface InterestInput {
  schoolUai: string;
  email: string | null;
  phone: string | null;
  // The language the workshop must be given in.
  language: string;
  // The language the parent is written to in.
  messageLanguage: PersonLanguage;
}

const body = z.object({
  schoolUai: z.string({ error: 'errors.invalidSchool' }).max(40, { error: 'errors.invalidSchool' }),
  language: z.enum(SESSION_LANGUAGES, { error: 'errors.invalidLanguage' }),
  messageLanguage: z.enum(PERSON_LANGUAGES, { error: 'errors.invalidLanguage' }).optional(),
  consent: z.literal(true, { error: 'interest.errors.consentRequired' }),
});

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

// Parses and normalises; every field's problem is reported at once.
export function parseInterest(input: unknown): Parsed<InterestInput> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: { _: 'errors.invalidBody' } };
  const raw = input as Record<string, unknown>;
  const errors: FieldErrors = {};
  const result = body.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '_');
      errors[field] ??= /^(interest\.)?errors\./.test(issue.message) ? issue.message : 'errors.invalid';
    }
  }
  const schoolUai = text(raw.schoolUai).toUpperCase();
  if (!/^\d{7}[A-Z]$/.test(schoolUai)) errors.schoolUai = text(raw.schoolUai) ? 'errors.invalidSchool' : 'interest.errors.schoolRequired';
  const email = text(raw.email) ? normaliseEmail(text(raw.email).slice(0, 300)) : null;
  const phone = text(raw.phone) ? normalisePhone(text(raw.phone).slice(0, 60)) : null;
  if (text(raw.email) && !email) errors.email = 'errors.invalidEmail';
  if (text(raw.phone) && !phone) errors.phone = 'errors.invalidPhone';
  if (!text(raw.email) && !text(raw.phone)) errors.phone = 'errors.contactRequired';
  if (!result.success || Object.keys(errors).length) return { ok: false, errors };
  const v = result.data;
  const messageLanguage = v.messageLanguage ?? ((PERSON_LANGUAGES as readonly string[]).includes(v.language) ? v.language : 'fr');
  return { ok: true, value: { schoolUai, email, phone, language: v.language, messageLanguage: messageLanguage as PersonLanguage } };
}

// The form posts strings; the same validation as the API then applies.
export function interestFromForm(form: FormData, pageLang: PersonLanguage): Record<string, unknown> {
  const field = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    schoolUai: field('schoolUai') ?? '',
    email: field('email') || undefined,
    phone: field('phone') || undefined,
    language: field('language') || undefined,
    messageLanguage: pageLang,
    consent: field('consent') === 'on' ? true : undefined,
  };
}

// Who the request is, for "one live request per person, school and language".
export function contactKey(email: string | null, phone: string | null): string {
  return [email, phone].filter(Boolean).join(' ');
}

export interface PlacedSchool {
  uai: string;
  arrondissement: number;
  latitude: number | null;
  longitude: number | null;
}

// The schools whose waiting parents a workshop at `venue` should reach.
export function schoolsNear(venue: PlacedSchool, schools: PlacedSchool[], km = NEAR_KM): string[] {
  const at = venue.latitude != null && venue.longitude != null ? { lat: venue.latitude, lon: venue.longitude } : null;
  return schools
    .filter((s) => {
      if (s.uai === venue.uai || s.arrondissement === venue.arrondissement) return true;
      return at !== null && s.latitude != null && s.longitude != null && haversineKm(at, { lat: s.latitude, lon: s.longitude }) <= km;
    })
    .map((s) => s.uai);
}

// The "prévenez-moi" page, the school (and language) already chosen when known.
export function interestPath(lang: Lang, { uai, language }: { uai?: string | null; language?: string | null } = {}): string {
  const q = new URLSearchParams();
  if (uai) q.set('uai', uai);
  if (language) q.set('langue', language);
  const search = q.toString();
  return `${localePath(lang, '/prevenez-moi')}${search ? `?${search}` : ''}`;
}
