import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('drops the BOM and splits on the separator', () => {
    expect(parseCsv('\ufeffa;b;c\n1;2;3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    const records = parseCsv('name;address\n"École ""Les Lilas""";"12 rue X; bât. B\nentrée 2"\nnext;row\n');
    expect(records[1]!.fields).toEqual(['École "Les Lilas"', '12 rue X; bât. B\nentrée 2']);
    // The record after a multi-line field starts on the physical line an editor shows.
    expect(records[2]).toEqual({ line: 4, fields: ['next', 'row'] });
  });

  it('reads CRLF files, skips blank lines and keeps empty fields', () => {
    expect(parseCsv('a;b\r\n\r\n;x\r\ny;')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['', 'x'] },
      { line: 4, fields: ['y', ''] },
    ]);
  });

  it('uses another separator when asked', () => {
    expect(parseCsv('a,"b,c"', ',')[0]!.fields).toEqual(['a', 'b,c']);
  });
});
