// Language names as the reader says them ("arabe" for a French reader, "Arabic" in English).
export function languageName(code: string, readerLang = 'fr'): string {
  try {
    return new Intl.DisplayNames([readerLang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageList(codes: string[], readerLang = 'fr'): string {
  const names = codes.map((c) => languageName(c, readerLang));
  try {
    return new Intl.ListFormat(readerLang, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

// Languages sessions are commonly run in, for the catalog filter.
export const SESSION_LANGUAGES = ['fr', 'ar', 'en', 'tr', 'es', 'ro', 'ps', 'ti'] as const;
