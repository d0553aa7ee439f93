import { describe, expect, it } from 'vitest';
import { forwardedClient, parseTrustProxy, type TrustProxy } from './proxy-chain';

const trust = (raw: string) => parseTrustProxy(raw) as TrustProxy;

describe('TRUST_PROXY', () => {
  it('reads a hop count or a list of addresses and ranges', () => {
    expect(parseTrustProxy('0')).toEqual({ hops: 0 });
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.1,fd00::/8')?.ranges).toBeDefined();
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0/8', 'fd00::/129', '10.0.0.1/8/2', '1,2'])
      expect(parseTrustProxy(bad), bad).toBeUndefined();
  });
});

describe('the client address behind proxies', () => {
  it('is the peer itself without a proxy, whatever the header says', () => {
    expect(forwardedClient('6.6.6.6', '203.0.113.1', trust('0'))).toBe('203.0.113.1');
  });

  it('is the hop the trusted proxy appended, so a forged header changes nothing', () => {
    for (const forged of [null, '6.6.6.6', '6.6.6.6, 7.7.7.7', ' , ,garbage']) {
      const header = forged ? `${forged}, 198.51.100.4` : '198.51.100.4';
      expect(forwardedClient(header, '10.0.0.2', trust('1')), String(forged)).toBe('198.51.100.4');
    }
  });

  it('counts two proxies from the right', () => {
    expect(forwardedClient('6.6.6.6, 198.51.100.4, 10.0.0.9', '10.0.0.2', trust('2'))).toBe('198.51.100.4');
  });

  it('skips every trusted range from the right, IPv4-mapped peers included', () => {
    const ranges = trust('10.0.0.0/8,fd00::/8');
    expect(forwardedClient('6.6.6.6, 198.51.100.4, 10.1.2.3', '::ffff:10.0.0.2', ranges)).toBe('198.51.100.4');
    expect(forwardedClient('6.6.6.6', '198.51.100.7', ranges)).toBe('198.51.100.7');
    expect(forwardedClient('2001:db8::1, fd00::3', 'fd00::1', ranges)).toBe('2001:db8::1');
  });
});
