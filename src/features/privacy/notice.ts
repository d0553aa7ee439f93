// The privacy notice (/confidentialite): its version, stored with each booking the person made
// themself after seeing it, and the link every page and form gives to it.
import { localePath, type Lang } from '~/i18n';

// Change it whenever the notice's text says something new (src/i18n/<lang>/privacy.json).
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

export const PRIVACY_PATH = '/confidentialite';

export function privacyPath(lang: Lang): string {
  return localePath(lang, PRIVACY_PATH);
}
