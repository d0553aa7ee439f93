// Spreadsheet-ready CSV as French office software opens it: `;` between cells, a UTF-8 BOM
// (so accents survive Excel), CRLF line ends.

// A cell starting with = + - @ (or a tab or carriage return) would run as a formula when the
// file is opened: it is prefixed with an apostrophe, which spreadsheets show as text.
export function csvCell(value: unknown): string {
  const s = value == null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: unknown[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
