// Product text. Translations are JSON files a non-developer can edit, one per language;
// French is the reference and every key must exist in every language.
import arAdminLists from './ar/admin-lists.json';
import arAuth from './ar/auth.json';
import arCantCome from './ar/cant-come.json';
import arDoor from './ar/door.json';
import arNoShows from './ar/no-shows.json';
import arMissedYou from './ar/missed-you.json';
import arTrainerHome from './ar/trainer-home.json';
import arCommon from './ar/common.json';
import arCourses from './ar/courses.json';
import arInterest from './ar/interest.json';
import arJourney from './ar/journey.json';
import arMail from './ar/mail.json';
import arOps from './ar/ops.json';
import arNotify from './ar/notify.json';
import arParent from './ar/parent.json';
import arPrivacy from './ar/privacy.json';
import arReview from './ar/review.json';
import arSms from './ar/sms.json';
import arStaff from './ar/staff.json';
import arSubscriptions from './ar/subscriptions.json';
import arTrainer from './ar/trainer.json';
import arTwoFactor from './ar/two-factor.json';
import enAdminLists from './en/admin-lists.json';
import arTraining from './ar/training.json';
import enAuth from './en/auth.json';
import enCantCome from './en/cant-come.json';
import enDoor from './en/door.json';
import enNoShows from './en/no-shows.json';
import enMissedYou from './en/missed-you.json';
import enTrainerHome from './en/trainer-home.json';
import enCommon from './en/common.json';
import enCourses from './en/courses.json';
import enInterest from './en/interest.json';
import enJourney from './en/journey.json';
import enMail from './en/mail.json';
import enOps from './en/ops.json';
import enNotify from './en/notify.json';
import enParent from './en/parent.json';
import enPrivacy from './en/privacy.json';
import enReview from './en/review.json';
import enSms from './en/sms.json';
import enStaff from './en/staff.json';
import enSubscriptions from './en/subscriptions.json';
import enTrainer from './en/trainer.json';
import enTwoFactor from './en/two-factor.json';
import frAdminLists from './fr/admin-lists.json';
import enTraining from './en/training.json';
import frAuth from './fr/auth.json';
import frCantCome from './fr/cant-come.json';
import frDoor from './fr/door.json';
import frNoShows from './fr/no-shows.json';
import frMissedYou from './fr/missed-you.json';
import frTrainerHome from './fr/trainer-home.json';
import frCommon from './fr/common.json';
import frCourses from './fr/courses.json';
import frInterest from './fr/interest.json';
import frJourney from './fr/journey.json';
import frMail from './fr/mail.json';
import frOps from './fr/ops.json';
import frNotify from './fr/notify.json';
import frParent from './fr/parent.json';
import frPrivacy from './fr/privacy.json';
import frReview from './fr/review.json';
import frSms from './fr/sms.json';
import frStaff from './fr/staff.json';
import frSubscriptions from './fr/subscriptions.json';
import frTrainer from './fr/trainer.json';
import frTwoFactor from './fr/two-factor.json';
import frTraining from './fr/training.json';

export const LANGS = ['fr', 'ar', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'fr';

type Dict = { [key: string]: string | Dict };
// One file per area of the product (common, parent, mail, sms, auth, trainer, staff, ops, cant-come, subscriptions, interest, training, review) and
// language.
const DICTS: Record<Lang, Dict> = {
  fr: {
    ...frCommon,
    ...frParent,
    ...frMail,
    ...frSms,
    ...frAuth,
    ...frAdminLists,
    ...frTrainer,
    ...frStaff,
    ...frOps,
    ...frCantCome,
    ...frSubscriptions,
    ...frInterest,
    ...frTwoFactor,
    ...frPrivacy,
    ...frJourney,
    ...frNotify,
    ...frTraining,
    ...frDoor,
    ...frNoShows,
    ...frMissedYou,
    ...frTrainerHome,
    ...frReview,
    ...frCourses,
  },
  ar: {
    ...arCommon,
    ...arParent,
    ...arMail,
    ...arSms,
    ...arAuth,
    ...arAdminLists,
    ...arTrainer,
    ...arStaff,
    ...arOps,
    ...arCantCome,
    ...arSubscriptions,
    ...arInterest,
    ...arTwoFactor,
    ...arPrivacy,
    ...arJourney,
    ...arNotify,
    ...arTraining,
    ...arDoor,
    ...arNoShows,
    ...arMissedYou,
    ...arTrainerHome,
    ...arReview,
    ...arCourses,
  },
  en: {
    ...enCommon,
    ...enParent,
    ...enMail,
    ...enSms,
    ...enAuth,
    ...enAdminLists,
    ...enTrainer,
    ...enStaff,
    ...enOps,
    ...enCantCome,
    ...enSubscriptions,
    ...enInterest,
    ...enTwoFactor,
    ...enPrivacy,
    ...enJourney,
    ...enNotify,
    ...enTraining,
    ...enDoor,
    ...enNoShows,
    ...enMissedYou,
    ...enTrainerHome,
    ...enReview,
    ...enCourses,
  },
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function dir(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

function lookup(dict: Dict, key: string): string | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// The plural category of a count in each language: Arabic has a dual (2), a form for 3 to 10
// and one for 11 to 99, so "2 adults" is not "{n} بالغين".
const PLURALS: Record<Lang, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr'),
  ar: new Intl.PluralRules('ar'),
  en: new Intl.PluralRules('en'),
};

// Which keys say a count `n`, most precise first: `key_zero` (exactly 0, "Aucun atelier") and
// `key_one` (exactly 1), then the language's plural category (`key_two`, `key_few`,
// `key_many`), then `key`, the general form. French counts 0 as singular, but without a
// `key_zero` it keeps the general form ("0 places libres"), as before.
function countKeys(lang: Lang, key: string, n: number): string[] {
  const exact = n === 0 ? [`${key}_zero`] : n === 1 ? [`${key}_one`] : [];
  const category = PLURALS[lang].select(n);
  return [...exact, ...(category === 'one' || category === 'zero' || category === 'other' ? [] : [`${key}_${category}`]), key];
}

// t('catalog.seatsLeft', { n: 3 }) → "3 places libres"; `{n}` placeholders; a number `n`
// picks the plural form (countKeys).
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const n = params.n;
  for (const [dict, dictLang] of [
    [DICTS[lang], lang],
    [DICTS.fr, 'fr'],
  ] as const) {
    for (const k of typeof n === 'number' ? countKeys(dictLang, key, n) : [key]) {
      const text = lookup(dict, k);
      if (text !== undefined) return text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`));
    }
  }
  return key;
}

// Every key path of a dictionary, for the completeness test.
export function keysOf(dict: Dict, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

export const dictionaries = DICTS;

// Per area, for the completeness test. Parent-facing areas must be complete in every language;
// staff areas are French-only until translated.
export const areas = {
  common: { fr: frCommon, ar: arCommon, en: enCommon },
  parent: { fr: frParent, ar: arParent, en: enParent },
  mail: { fr: frMail, ar: arMail, en: enMail },
  sms: { fr: frSms, ar: arSms, en: enSms },
  auth: { fr: frAuth, ar: arAuth, en: enAuth },
  'admin-lists': { fr: frAdminLists, ar: arAdminLists, en: enAdminLists },
  trainer: { fr: frTrainer, ar: arTrainer, en: enTrainer },
  staff: { fr: frStaff, ar: arStaff, en: enStaff },
  ops: { fr: frOps, ar: arOps, en: enOps },
  interest: { fr: frInterest, ar: arInterest, en: enInterest },
  privacy: { fr: frPrivacy, ar: arPrivacy, en: enPrivacy },
  journey: { fr: frJourney, ar: arJourney, en: enJourney },
  notify: { fr: frNotify, ar: arNotify, en: enNotify },
  training: { fr: frTraining, ar: arTraining, en: enTraining },
  door: { fr: frDoor, ar: arDoor, en: enDoor },
  noShows: { fr: frNoShows, ar: arNoShows, en: enNoShows },
  missedYou: { fr: frMissedYou, ar: arMissedYou, en: enMissedYou },
  trainerHome: { fr: frTrainerHome, ar: arTrainerHome, en: enTrainerHome },
  review: { fr: frReview, ar: arReview, en: enReview },
  courses: { fr: frCourses, ar: arCourses, en: enCourses },
} as Record<string, Record<Lang, Dict>>;
export const TRANSLATED_AREAS = ['common', 'parent', 'mail', 'sms', 'interest', 'privacy', 'journey', 'notify', 'missedYou', 'courses'];
// Staff-only screens inside translated areas stay French.
export const FRENCH_ONLY_PREFIXES = ['mail.outboxAdmin.'];

// Links keep the language: French has no prefix, others live under /ar/…, /en/….
export function localePath(lang: Lang, path: string): string {
  return lang === DEFAULT_LANG ? path : `/${lang}${path === '/' ? '' : path}`;
}

// The language of a page from its optional /ar or /en prefix; null means "no such page".
export function langFromParam(param: string | undefined): Lang | null {
  if (param === undefined || param === '') return DEFAULT_LANG;
  return param !== DEFAULT_LANG && isLang(param) ? param : null;
}
