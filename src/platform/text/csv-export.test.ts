import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { csvCell, toCsv } from './csv-export';

describe('csvCell', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const s of ['+33612345678', '-2+3', '@SUM(A1)', '\tcmd']) expect(csvCell(s).startsWith("'")).toBe(true);
  });
  it('quotes separators, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('Benali; Amina')).toBe('"Benali; Amina"');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('Élodie')).toBe('Élodie');
    expect(csvCell(null)).toBe('');
    expect(csvCell(2)).toBe('2');
  });
});

it('writes a BOM, semicolons and CRLF, and reads back as written', () => {
  const text = toCsv([
    ['Nom', 'Prénom'],
    ['Benali; fils', 'Amina'],
  ]);
  expect(text.startsWith('\uFEFFNom;Prénom\r\n')).toBe(true);
  expect(parseCsv(text).map((r) => r.fields)).toEqual([
    ['Nom', 'Prénom'],
    ['Benali; fils', 'Amina'],
  ]);
});
