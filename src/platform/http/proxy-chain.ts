// Which address a request came from when reverse proxies stand in front of the portal.
// Proxies that append (nginx's $proxy_add_x_forwarded_for, most load balancers) leave
// `X-Forwarded-For: <what the client wrote>, …, <what our proxy saw>`: only the hops our own
// proxies added can be believed, counted from the right. Everything to their left is the
// client's to write, so taking the leftmost hop would let anyone pick their address.
import { BlockList, isIP } from 'node:net';

// TRUST_PROXY: a number of proxies in front of the portal (1 = one), or the list of their
// addresses / CIDR ranges. `hops: 0` means none: the socket's peer is the client.
export type TrustProxy = { hops: number; ranges?: undefined } | { hops?: undefined; ranges: BlockList };

export const NO_PROXY: TrustProxy = { hops: 0 };

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

// "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1.
export function plainAddress(address: string): string {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

function parseRanges(raw: string): BlockList | undefined {
  const list = new BlockList();
  for (const item of raw.split(',').map((s) => s.trim())) {
    const [address = '', prefix, ...rest] = item.split('/');
    const version = isIP(address);
    if (!version || rest.length) return undefined;
    if (prefix === undefined) {
      list.addAddress(address, family(address));
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
    if (bits < 0 || bits > (version === 6 ? 128 : 32)) return undefined;
    list.addSubnet(address, bits, family(address));
  }
  return list;
}

// `0`: no proxy; `1`, `2`…: that many proxies; otherwise a comma-separated list of addresses
// or CIDR ranges. Undefined when the text is none of these.
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  if (/^\d{1,2}$/.test(raw)) return { hops: Number(raw) };
  const ranges = parseRanges(raw);
  return ranges ? { ranges } : undefined;
}

function isTrusted(ranges: BlockList, address: string): boolean {
  return isIP(address) !== 0 && ranges.check(address, family(address));
}

// The client's address: with a hop count, the hop that many places from the right of the
// chain [...X-Forwarded-For, peer] minus the peer itself (our nearest proxy); with ranges,
// the rightmost address that is not one of our proxies. A chain shorter than it should be
// gives its leftmost hop (every hop in it was written by our proxies).
export function forwardedClient(forwardedFor: string | null, peer: string, trust: TrustProxy): string {
  const chain = [...(forwardedFor ?? '').split(','), peer].map(plainAddress).filter(Boolean);
  if (trust.ranges) {
    for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(trust.ranges, chain[i]!)) return chain[i]!;
    return chain[0] ?? peer;
  }
  if (!trust.hops) return plainAddress(peer);
  return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? peer;
}
