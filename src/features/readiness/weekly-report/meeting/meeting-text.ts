// How the meeting report says its facts in French, shared by its page and its spreadsheets.
import { t } from '~/i18n';
import { arrondissementLabel, calendarDate, kindCount, pct, statusLabel } from '~/features/readiness/staff-format';
import { utcToParisLocal } from '~/platform/text/dates';
import type { ChangeReason } from './sections/status-reasons';
import type { PlannedTraining } from './sections/look-ahead.server';
import type { PriorityGroup } from './history';

export const rv = (key: string, params: Record<string, string | number> = {}) => t('fr', `review.${key}`, params);

export function reasonText(r: ChangeReason): string {
  switch (r.reason) {
    case 'delivered':
    case 'due':
      return rv(`changes.reason.${r.reason}`, { what: kindCount(r.quantity, r.kind), date: calendarDate(r.on) });
    case 'trained':
      return rv('changes.reason.trained', { n: r.teachers });
    case 'readiness':
      return rv('changes.reason.readiness', { from: r.from === null ? '—' : pct(r.from), to: pct(r.to) });
    case 'equipment':
      return rv('changes.reason.equipment');
  }
}

// All the reasons of one school in one line: deliveries and due dates grouped, dates without
// the year ("4 écrans interactifs (3 décembre)"), so a page holds several schools.
export function reasonsText(list: ChangeReason[]): string {
  const equipment = (reason: 'delivered' | 'due') =>
    list
      .filter((r): r is Extract<ChangeReason, { reason: 'delivered' | 'due' }> => r.reason === reason)
      .map((r) => `${kindCount(r.quantity, r.kind)} (${calendarDate(r.on, false)})`);
  const parts = [];
  const delivered = equipment('delivered');
  const due = equipment('due');
  if (delivered.length) parts.push(rv('changes.delivered', { list: delivered.join(', ') }));
  if (due.length) parts.push(rv('changes.due', { list: due.join(', ') }));
  for (const r of list.filter((x) => x.reason !== 'delivered' && x.reason !== 'due')) parts.push(reasonText(r));
  return parts.join(' ; ');
}

export const statusText = (s: string | null) => (s === null ? rv('changes.new') : statusLabel(s));
export const groupText = (g: PriorityGroup | 'REP' | 'REP+' | null) => rv(`priority.groups.${g ?? 'none'}`);
export const priorityText = (p: 'REP' | 'REP+' | null) => p ?? '';

// "mar. 8 déc. 14:00" from an ISO time with offset.
export function isoWhen(iso: string): string {
  const { date, time } = utcToParisLocal(Date.parse(iso));
  return `${calendarDate(date)} ${time}`;
}

export function trainingText(p: PlannedTraining): string {
  const where = p.atSchool ? rv('lookAhead.atSchool') : p.venue;
  const booked = p.booked ? `, ${rv('lookAhead.booked', { n: p.booked })}` : '';
  return `${p.title}, ${isoWhen(p.startsAt)} (${where}${booked})`;
}

export const arr = arrondissementLabel;

// "1er septembre 2026": French writes the first of the month as an ordinal.
export const dayText = (date: string) => calendarDate(date).replace(/^1 /, '1er ');
