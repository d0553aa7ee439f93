import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answerFromCache, cachedPage, matchesEtag, preferredEncoding, RenderCache } from './render-cache';

const html = `<!doctype html><title>Ateliers</title>${'<li>Atelier pour les parents</li>'.repeat(200)}`;
const page = () => cachedPage(new Response(html, { headers: { 'Content-Type': 'text/html', 'Set-Cookie': 'a=b' } }), 7, Date.now() + 1000);

describe('preferredEncoding', () => {
  it('takes brotli before gzip, honours q=0, and falls back to no coding', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('gzip');
    expect(preferredEncoding('identity')).toBe('identity');
    expect(preferredEncoding(null)).toBe('identity');
  });
});

describe('matchesEtag', () => {
  it('compares weakly, in a list, or any with *', () => {
    expect(matchesEtag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('*', 'W/"abc"')).toBe(true);
    expect(matchesEtag('W/"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEtag(null, 'W/"abc"')).toBe(false);
  });
});

describe('a cached page', () => {
  it('is answered in the encoding asked for, the same page each time, without the cookie it was rendered with', async () => {
    const entry = await page();
    const ask = (headers: Record<string, string>) => answerFromCache(entry, new Request('http://x/', { headers }));
    const br = ask({ 'Accept-Encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('set-cookie')).toBeNull();
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
    expect(gunzipSync(Buffer.from(await ask({ 'Accept-Encoding': 'gzip' }).arrayBuffer())).toString()).toBe(html);
    expect(await ask({}).text()).toBe(html);
    const again = ask({ 'If-None-Match': entry.etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(entry.etag);
    expect((await page()).etag).toBe(entry.etag);
  });

  it('leaves the store oldest first once the store is full', async () => {
    const entry = await page();
    const size = entry.br.length + entry.gzip.length + 200;
    const store = new RenderCache(size * 2);
    store.set('a', entry);
    store.set('b', entry);
    store.get('a');
    store.set('c', entry);
    expect([store.get('a'), store.get('b'), store.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(store.size).toBe(2);
  });
});
