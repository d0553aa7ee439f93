// The roster leaving the portal: a CSV for spreadsheets, a printable sign-in sheet, the JSON
// roster. Each carries personal data, so each export is in the audit log.
import { t } from '~/i18n';
import { formatPhone } from '~/features/registration/contact';
import { toCsv } from '~/platform/text/csv-export';
import { sheetsXlsx } from '~/platform/text/xlsx.server';
import { utcToParisLocal } from '~/platform/text/dates';
import { languageName } from '~/platform/text/languages';
import { audit, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { getRoster, type RosterEntry } from './roster.server';
import type { SessionView } from '~/features/sessions/sessions.server';
import { formatBookingCode } from '~/platform/text/tokens';

export type ExportFormat = 'csv' | 'xlsx' | 'sign-in-sheet' | 'json';

const COLUMNS = [
  'status',
  'position',
  'lastName',
  'firstName',
  'adults',
  'phone',
  'email',
  'language',
  'code',
  'attendance',
  'bookedAt',
  'bookedBy',
] as const;
// What families asked for, after the columns spreadsheets already rely on.
const NEEDS = ['childcare', 'interpreter', 'accessibility'] as const;

const when = (ms: number) => {
  const local = utcToParisLocal(ms);
  return `${local.date.split('-').reverse().join('/')} ${local.time}`;
};

function attendanceText(e: RosterEntry): string {
  if (e.present === null) return '';
  return t('fr', e.present ? 'trainer.csv.present' : 'trainer.csv.absent');
}

// One row per booking, cancellations included; erased people keep an anonymous row.
export function rosterRows(entries: RosterEntry[]): { header: string[]; rows: (string | number)[][] } {
  const header = [...COLUMNS.map((c) => t('fr', `trainer.csv.${c}`)), ...NEEDS.map((n) => t('fr', `journey.roster.${n}`))];
  const rows = entries.map((e) => [
    t('fr', `trainer.status.${e.status}`),
    e.waitlistPosition ?? '',
    e.erased ? t('fr', 'trainer.roster.erased') : (e.lastName ?? ''),
    e.firstName ?? '',
    e.adults,
    e.phone ? formatPhone(e.phone) : '',
    e.email ?? '',
    languageName(e.language, 'fr'),
    formatBookingCode(e.code),
    attendanceText(e),
    when(e.createdAt),
    t('fr', e.assisted ? 'trainer.csv.byTrainer' : 'trainer.csv.online'),
    ...NEEDS.map((n) => e.needs?.[n] ?? ''),
  ]);
  return { header, rows };
}

export function rosterCsv(entries: RosterEntry[]): string {
  const { header, rows } = rosterRows(entries);
  return toCsv([header, ...rows]);
}

export function rosterXlsx(entries: RosterEntry[]): Promise<Buffer> {
  const { header, rows } = rosterRows(entries);
  return sheetsXlsx([{ title: t('fr', 'review.sheets.roster'), headers: header, rows }]);
}

export function csvFilename(session: SessionView): string {
  return `inscrits-${utcToParisLocal(session.startsAt).date}-atelier-${session.id}.csv`;
}

// Reads the roster for an export and records who took it, in which form, with how many rows.
export async function exportRoster(db: Db, session: SessionView, actor: Actor, format: ExportFormat): Promise<RosterEntry[]> {
  const entries = await getRoster(db, session.id);
  await audit(db, actor, 'roster.exported', 'session', session.id, { format, rows: entries.length });
  return entries;
}
