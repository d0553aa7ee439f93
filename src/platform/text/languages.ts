// Language names as the reader says them ("arabe" for a French reader, "Arabic" in English).
const names = new Map<string, string>();

export function languageName(code: string, readerLang = 'fr'): string {
  const key = `${readerLang}|${code}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames([readerLang], { type: 'language' }).of(code) ?? code;
    } catch {
      name = code;
    }
    names.set(key, name);
  }
  return name;
}

const lists = new Map<string, Intl.ListFormat>();

export function languageList(codes: string[], readerLang = 'fr'): string {
  const found = codes.map((c) => languageName(c, readerLang));
  try {
    let list = lists.get(readerLang);
    if (!list) lists.set(readerLang, (list = new Intl.ListFormat(readerLang, { type: 'conjunction' })));
    return list.format(found);
  } catch {
    return found.join(', ');
  }
}

// Languages sessions are commonly run in, for the catalog filter.
export const SESSION_LANGUAGES = ['fr', 'ar', 'en', 'tr', 'es', 'ro', 'ps', 'ti'] as const;
