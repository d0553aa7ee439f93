// Which language a message is written in. A language whose mail text is not written yet gets
// the whole message (and its invite) in French, rather than French sentences with, say,
// Arabic dates in a right-to-left frame.
import { dictionaries, isLang, type Lang } from '~/i18n';

export function mailLanguage(language: string): Lang {
  return isLang(language) && 'mail' in dictionaries[language] ? language : 'fr';
}
