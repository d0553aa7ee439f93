// Sheets (~/platform/text/sheet) as an .xlsx workbook with exceljs: one worksheet per sheet,
// a bold frozen header, shares as percentages and dates as dates, columns sized to their text.
import ExcelJS from 'exceljs';
import { cellText, type Cell, type Sheet } from './sheet';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Worksheet names: at most 31 characters, none of : \ / ? * [ ].
const sheetName = (title: string, used: Set<string>) => {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Feuille';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  return name;
};

function value(cell: Cell): ExcelJS.CellValue {
  if (cell === null || typeof cell !== 'object') return cell;
  if ('share' in cell) return cell.share;
  return cell.date ? new Date(`${cell.date}T00:00:00Z`) : null;
}

// A formula-looking text stays text: exceljs writes strings as strings, never as formulas.
export async function sheetsXlsx(sheets: Sheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Passerelle';
  const used = new Set<string>();
  for (const s of sheets) {
    const ws = book.addWorksheet(sheetName(s.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.headers).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map(value));
      r.forEach((cell, i) => {
        if (cell && typeof cell === 'object') row.getCell(i + 1).numFmt = 'share' in cell ? '0\u00a0%' : 'dd/mm/yyyy';
      });
    }
    ws.columns.forEach((col, i) => {
      const widest = Math.max(s.headers[i]?.length ?? 0, ...s.rows.map((r) => String(cellText(r[i] ?? null)).length));
      col.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
