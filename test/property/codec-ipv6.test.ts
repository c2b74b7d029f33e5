// The IPv6 codec's laws, as codec.test.ts states them for IPv4: every valid advert survives
// encode → decode unchanged, no byte string makes decode throw, and a single flipped bit is
// rejected unless it lies in the traffic class or flow label, which neither the kernel nor
// keepalived checks (then the packet is accepted with just that field changed).
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeAdvert, encodeAdvert } from '../../src/vrrp/codec.js';
import { decodeIpv6Packet, encodeIpv6Packet } from '../../src/vrrp/codec-ipv6.js';
import { formatIpv6 } from '../../src/vrrp/ipv6.js';
import type { Advert } from '../../src/vrrp/types.js';

const ipv6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b, 0));
const v3: fc.Arbitrary<Advert> = fc.record({
  version: fc.constant(3 as const),
  vrid: fc.integer({ min: 1, max: 255 }),
  priority: fc.integer({ min: 0, max: 255 }),
  advertInt: fc.integer({ min: 0, max: 0x0fff }).map((cs) => cs * 10_000),
  vips: fc.oneof(fc.array(ipv6, { maxLength: 8 }), fc.array(ipv6, { minLength: 240, maxLength: 255 })),
  auth: fc.constant({ type: 'none' } as const),
});
const route = fc.record({ src: ipv6, dst: fc.oneof(fc.constant('ff02::12'), ipv6), flowLabel: fc.nat(0xfffff) });

describe('IPv6 codec properties', () => {
  test.prop([v3, route])('decodeAdvert(encodeAdvert(a)) = a', (a, ip) => {
    const r = decodeAdvert(encodeAdvert(a, ip), ip);
    expect(r.ok && { ...r.value, checksum: 0 }).toEqual({ ...a, checksum: 0 });
  });

  test.prop([v3, route])('decodeIpv6Packet(encodeIpv6Packet(a)) = a with the IP facts given', (a, ip) => {
    const r = decodeIpv6Packet(encodeIpv6Packet(a, ip));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.advert).toEqual(a);
      expect(r.value.ip).toMatchObject({ src: ip.src, dst: ip.dst, hopLimit: 255, trafficClass: 0xc0, flowLabel: ip.flowLabel, nextHeader: 112 });
    }
  });

  test.prop([fc.uint8Array({ maxLength: 1200 }), route])('decoding arbitrary bytes never throws', (bytes, ip) => {
    const withHeader = Uint8Array.from([0x6c, ...bytes]);
    expect(() => decodeAdvert(bytes, ip)).not.toThrow();
    expect(() => decodeIpv6Packet(withHeader)).not.toThrow();
    expect(() => decodeIpv6Packet(bytes, { requireHopLimit255: false })).not.toThrow();
  });

  test.prop([v3, route, fc.nat(), fc.nat(7)])('a single flipped bit is rejected outside the traffic class and flow label', (a, ip, at, bit) => {
    const p = encodeIpv6Packet(a, ip);
    const i = at % p.length;
    p[i] = (p[i] ?? 0) ^ (1 << bit);
    const unchecked = (i === 0 && bit < 4) || i === 1 || i === 2 || i === 3;
    expect(decodeIpv6Packet(p).ok).toBe(unchecked);
  });
});
