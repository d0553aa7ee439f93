// Which language a public text of a session is shown in: the parent's, where the trainer wrote
// it (on the session, or on its track while the session keeps the track's title), otherwise
// French, said as such so the page can mark it (`lang="fr"`, isolated in Arabic pages).
import type { PublicTexts, Translations } from '~db/schema';

export type PublicField = keyof PublicTexts;
export interface LocalText {
  text: string;
  lang: 'fr' | 'ar' | 'en';
}

// Where a session's translations come from: its own, and its track's while the session keeps
// the track's title. A message's snapshot carries them too (null when the session has no track).
interface TranslationSources {
  translations?: Translations | null;
  trackTitle?: string | null;
  trackTranslations?: Translations | null;
}

type Texts<F extends PublicField> = Record<F, string> & TranslationSources;

export function publicText<F extends PublicField>(s: Texts<F>, field: F, lang: string): LocalText {
  const french = { text: s[field], lang: 'fr' } as const;
  if (lang !== 'ar' && lang !== 'en') return french;
  const own = s.translations?.[lang]?.[field];
  if (own) return { text: own, lang };
  // The track's translation fits only while the session says what the track says.
  const fromTrack = field === 'summary' || (field === 'title' && (s as Texts<'title'>).title === s.trackTitle);
  const track = fromTrack ? s.trackTranslations?.[lang]?.[field] : undefined;
  return track ? { text: track, lang } : french;
}

// For places that cannot hold markup (page titles, aria-labels, emails' plain text): a text
// in another language than the page's, isolated so its direction does not spill over.
export function isolated(local: LocalText, pageLang: string): string {
  return local.lang === pageLang || !local.text ? local.text : `\u2068${local.text}\u2069`;
}
