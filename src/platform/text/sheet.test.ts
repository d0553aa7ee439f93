import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { cellText, day, share, sheetsCsv } from './sheet';

describe('sheets as French CSV', () => {
  it('writes shares as "45 %" and dates as 07/12/2026', () => {
    expect(cellText(share(0.449))).toBe('45\u202f%');
    expect(cellText(share(null))).toBe('');
    expect(cellText(day('2026-12-07'))).toBe('07/12/2026');
    expect(cellText(null)).toBe('');
  });

  it('puts one table under its header, several under their titles with a blank line between', () => {
    const one = sheetsCsv([{ title: 'Écoles', headers: ['UAI', 'Part'], rows: [['0130001A', share(0.5)]] }]);
    expect(one).toBe('\uFEFFUAI;Part\r\n0130001A;50\u202f%\r\n');
    const two = sheetsCsv([
      { title: 'A', headers: ['x'], rows: [[1]] },
      { title: 'B', headers: ['y'], rows: [['=1+1']] },
    ]);
    expect(two).toContain('1\r\n\r\nB\r\n');
    expect(parseCsv(two).map((r) => r.fields)).toEqual([['A'], ['x'], ['1'], ['B'], ['y'], ["'=1+1"]]);
  });
});
