// How staff pages and the weekly report write figures in French: shares, arrondissements,
// calendar dates, weeks, equipment kinds and statuses.
import { t } from '~/i18n';
import { addDays, frenchFirst } from '~/platform/text/dates';
import { mondayOf } from './weekly-report/iso-week';

// "58 %" with the narrow no-break space French typography puts before the sign.
export function pct(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}\u202f%`;
}

export function arrondissementLabel(n: number): string {
  return n === 1 ? '1er' : `${n}e`;
}

// "9 décembre 2026" for a calendar date (YYYY-MM-DD), whatever the server's time zone.
export function calendarDate(date: string | null, withYear = true): string {
  if (!date) return '—';
  const fmt = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  });
  return frenchFirst(fmt, new Date(`${date}T12:00:00Z`));
}

// "du 22 au 28 mars 2027"
export function weekSpan(isoWeek: string): string {
  const monday = mondayOf(isoWeek);
  const sunday = addDays(monday, 6);
  const sameYear = monday.slice(0, 4) === sunday.slice(0, 4);
  // "du 2 au 8 mars 2026", "du 29 mars au 4 avril 2027", "du 28 décembre 2026 au 3 janvier 2027"
  const from = monday.slice(0, 7) === sunday.slice(0, 7) ? String(Number(monday.slice(8))) : calendarDate(monday, !sameYear);
  return t('fr', 'staff.reports.span', { from, to: calendarDate(sunday) });
}

export function kindLabel(kind: string): string {
  const label = t('fr', `staff.kinds.${kind}`);
  return label.startsWith('staff.') ? kind : label;
}

// "1 écran interactif", "4 écrans interactifs": a count of one kind, in the singular for one.
export function kindCount(quantity: number, kind: string): string {
  const text = t('fr', `staff.kindCounts.${kind}`, { n: quantity });
  return text.startsWith('staff.') ? `${quantity} ${kindLabel(kind).toLowerCase()}` : text;
}

export function kindList(kinds: string[]): string {
  return kinds.map(kindLabel).join(', ').toLowerCase();
}

export function statusLabel(status: string): string {
  return t('fr', `staff.status.${status}`);
}

// "+3", "−2", "0": how a count moved since the last report.
export function delta(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}
