import { describe, expect, it } from 'vitest';
import { safeNextPath } from './auth-input';

describe('safeNextPath', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNextPath('/compte?x=1#a', '/espace')).toBe('/compte?x=1#a');
    expect(safeNextPath('/a/../compte', '/espace')).toBe('/compte');
  });

  // Each of these reached another host before the check was made on the normalised URL.
  it.each([
    '/..//evil.example',
    '/../..//evil.example/x',
    '/\\evil.example',
    '/\\/evil.example',
    '//evil',
    '///evil',
    'https://evil',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    '',
  ])('refuses %j', (next) => {
    expect(safeNextPath(next, '/espace')).toBe('/espace');
  });

  // Encoded slashes stay encoded: the browser asks this site for that odd path, never another host.
  it.each(['/%2F%2Fevil.example', '/.%2F/evil.example', '/%5Cevil.example'])('keeps %j on this site', (next) => {
    const out = safeNextPath(next, '/espace');
    expect(new URL(out, 'https://portal.example').host).toBe('portal.example');
    expect(out.startsWith('//')).toBe(false);
  });
});
