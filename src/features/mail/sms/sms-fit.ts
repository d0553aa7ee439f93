// Fitting an SMS into its budget (2 segments of GSM-7 in French and English, 3 of UCS-2 in
// Arabic): a text is lines, some of which say how they give way (shortened or dropped) when
// the whole is over budget. Every kind of SMS (booking messages, "prévenez-moi") fits here.
import { t, type Lang } from '~/i18n';
import { smsShape, toGsmText, type SmsShape } from './sms-parts';

export const SMS_SEGMENT_BUDGET: Record<Lang, number> = { fr: 2, en: 2, ar: 3 };

export interface SmsText extends SmsShape {
  text: string;
}

// A line of the SMS. `cuts` say how it gives way when the text is over budget, lowest
// `order` first across all lines: `param` shortened down to `min` characters (0: the line
// is dropped); without `param` the line is dropped whole.
export interface Cut {
  order: number;
  param?: string;
  min: number;
}

export interface Line {
  // null: the line is `params.value` itself (a title, a date, a place).
  key: string | null;
  params: Record<string, string | number>;
  dropped?: boolean;
  cuts?: Cut[];
}

// Cut at a word when one ends close enough, never leaving a dangling comma or colon.
export function shorten(value: string, max: number, ellipsis: string): string {
  if (value.length <= max) return value;
  if (max <= ellipsis.length) return '';
  let cut = value.slice(0, max - ellipsis.length);
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length - 12 && space > 0) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.'’-]+$/u, '')}${ellipsis}`;
}

function render(all: Line[], lang: Lang): string {
  const text = all
    .filter((l) => !l.dropped)
    .map((l) => (l.key === null ? String(l.params.value) : t(lang, l.key, l.params)))
    .filter((line) => line.trim() !== '')
    .join('\n');
  return lang === 'ar' ? text : toGsmText(text);
}

// The lines made to fit the language's budget: cuts are made, lowest `order` first, until
// the text fits.
export function fitSms(all: Line[], lang: Lang): SmsText {
  const budget = SMS_SEGMENT_BUDGET[lang];
  const ellipsis = lang === 'ar' ? '…' : '...';
  const fits = () => smsShape(render(all, lang)).segments <= budget;
  const full = new Map<Line, string>();
  const cuts = all.flatMap((line) => (line.cuts ?? []).map((cut) => ({ line, ...cut }))).sort((a, b) => a.order - b.order);
  for (const { line, param, min } of cuts) {
    if (fits()) break;
    if (!param) {
      line.dropped = true;
      continue;
    }
    if (!full.has(line)) full.set(line, String(line.params[param]));
    const value = full.get(line)!;
    // The longest cut that fits: shorter text never costs more segments.
    let [lo, hi] = [min, Math.min(value.length, String(line.params[param]).length)];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      line.params[param] = shorten(value, mid, ellipsis);
      if (fits()) lo = mid;
      else hi = mid - 1;
    }
    line.params[param] = shorten(value, lo, ellipsis);
    line.dropped = lo === 0;
  }
  const text = render(all, lang);
  return { text, ...smsShape(text) };
}
