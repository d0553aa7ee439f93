import { describe, expect, it } from 'vitest';
import { containsPattern, pageWindow } from './paging';

describe('pageWindow', () => {
  it('gives the rows of the page asked for', () => {
    expect(pageWindow(5000, '3', 25)).toEqual({ page: 3, pages: 200, offset: 50, size: 25, from: 51, to: 75 });
  });
  it('keeps a page number that no longer exists, or is not one, inside the list', () => {
    expect(pageWindow(30, '9', 25)).toMatchObject({ page: 2, offset: 25, from: 26, to: 30 });
    expect(pageWindow(30, 'abc', 25)).toMatchObject({ page: 1, offset: 0 });
    expect(pageWindow(30, '-2', 25)).toMatchObject({ page: 1 });
    expect(pageWindow(30, null, 25)).toMatchObject({ page: 1 });
  });
  it('has one empty page for an empty list', () => {
    expect(pageWindow(0, '1', 25)).toEqual({ page: 1, pages: 1, offset: 0, size: 25, from: 0, to: 0 });
  });
});

describe('containsPattern', () => {
  it('matches anywhere, in lower case, with % and _ taken as themselves', () => {
    expect(containsPattern(' Kaci ')).toBe('%kaci%');
    expect(containsPattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });
});
