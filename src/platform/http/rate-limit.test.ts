import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '~tests/helpers/db';
import { config } from '~/platform/config/config';
import { clientAddress, hitRateLimit, hitRateLimits, pruneRateLimits } from './rate-limit.server';

const MINUTE = 60_000;
let t: TestDb;
beforeAll(async () => (t = await createTestDb()));
afterAll(() => t.close());

describe('rate limits', () => {
  it('allow up to the limit in a window, then say how long to wait', async () => {
    const start = 10 * MINUTE; // a window boundary
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(t.db, 'k:a', 3, MINUTE, start + i)).allowed).toBe(true);
    const refused = await hitRateLimit(t.db, 'k:a', 3, MINUTE, start + 15_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await hitRateLimit(t.db, 'k:a', 3, MINUTE, start + MINUTE)).allowed).toBe(true);
  });

  it('count every concurrent hit exactly once', async () => {
    const now = 100 * MINUTE;
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(t.db, 'k:burst', 5, MINUTE, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('keep keys apart and report the longest wait of several rules', async () => {
    const now = 200 * MINUTE;
    await hitRateLimit(t.db, 'k:x', 1, MINUTE, now);
    expect((await hitRateLimit(t.db, 'k:y', 1, MINUTE, now)).allowed).toBe(true);
    const both = await hitRateLimits(
      t.db,
      [
        { key: 'k:x', limit: 1, windowMs: MINUTE },
        { key: 'k:z', limit: 1, windowMs: 60 * MINUTE },
      ],
      now,
    );
    expect(both).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('prune finished windows', async () => {
    expect(await pruneRateLimits(t.db, 400 * MINUTE, MINUTE)).toBeGreaterThan(0);
  });
});

describe('the client address', () => {
  const request = new Request('http://localhost/', { headers: { 'X-Forwarded-For': '203.0.113.7, 10.0.0.2' } });

  it('is the socket peer unless a proxy is trusted', () => {
    expect(clientAddress({ request, clientAddress: '10.0.0.2' })).toBe('10.0.0.2');
  });

  // The proxy appends what it saw; the leftmost hop is whatever the client wrote.
  it('is the hop our proxy added (the rightmost) with TRUST_PROXY=1', () => {
    config.trustProxy = true;
    config.proxy = { hops: 1 };
    try {
      const forged = new Request('http://localhost/', { headers: { 'X-Forwarded-For': '203.0.113.7, 198.51.100.9' } });
      expect(clientAddress({ request: forged, clientAddress: '10.0.0.2' })).toBe('198.51.100.9');
    } finally {
      config.trustProxy = false;
      config.proxy = { hops: 0 };
    }
  });
});
