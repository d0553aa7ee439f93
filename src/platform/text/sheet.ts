// A table leaving the portal as a spreadsheet, written once and rendered as French CSV
// (sheet-csv below) or as .xlsx (xlsx.server.ts). Cells keep what they are: a share stays a
// number (0.45) until the CSV writes "45 %" or the workbook formats it; a date stays a date.
import { toCsv } from './csv-export';

export type Cell = string | number | null | { share: number | null } | { date: string | null };

export interface Sheet {
  // The sheet's name in a workbook, the title line above it in a CSV of several tables.
  title: string;
  headers: string[];
  rows: Cell[][];
}

export const share = (value: number | null): Cell => ({ share: value });
export const day = (value: string | null): Cell => ({ date: value });

// "45 %" with the narrow no-break space French puts before the sign; 07/12/2026 for a date.
export function cellText(cell: Cell): string | number {
  if (cell === null) return '';
  if (typeof cell !== 'object') return cell;
  if ('share' in cell) return cell.share === null ? '' : `${Math.round(cell.share * 100)}\u202f%`;
  return cell.date ? cell.date.split('-').reverse().join('/') : '';
}

// One table: its header then its rows. Several: each under its title, a blank line between.
export function sheetsCsv(sheets: Sheet[]): string {
  const single = sheets.length === 1;
  const rows: unknown[][] = [];
  for (const [i, s] of sheets.entries()) {
    if (!single) rows.push(...(i ? [[]] : []), [s.title]);
    rows.push(s.headers, ...s.rows.map((r) => r.map(cellText)));
  }
  return toCsv(rows);
}
