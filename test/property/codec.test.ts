// The codec's laws: every valid advert survives encode → decode unchanged, no byte string makes
// decode throw, and no single flipped bit passes as a (different) valid advert.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeAdvert, decodeIpv4Packet, encodeAdvert, encodeIpv4Packet } from '../../src/vrrp/codec.js';
import type { Advert, Ipv4, VrrpAuth } from '../../src/vrrp/types.js';

const ipv4: fc.Arbitrary<Ipv4> = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const vips = fc.oneof(fc.array(ipv4, { maxLength: 8 }), fc.array(ipv4, { minLength: 240, maxLength: 255 }));
const utf8Len = (s: string): number => new TextEncoder().encode(s).length;
const pass = fc
  .oneof(fc.string({ maxLength: 8, unit: 'grapheme-ascii' }), fc.string({ maxLength: 4, unit: 'grapheme' }))
  .filter((s) => utf8Len(s) <= 8 && !s.includes('\0') && new TextDecoder().decode(new TextEncoder().encode(s)) === s);
const auth: fc.Arbitrary<VrrpAuth> = fc.oneof(fc.constant({ type: 'none' } as const), pass.map((p) => ({ type: 'PASS', pass: p }) as const));

const v2: fc.Arbitrary<Advert> = fc.record({
  version: fc.constant(2 as const),
  vrid: fc.integer({ min: 1, max: 255 }),
  priority: fc.integer({ min: 0, max: 255 }),
  advertInt: fc.integer({ min: 0, max: 255 }).map((s) => s * 1_000_000),
  vips,
  auth,
});
const v3: fc.Arbitrary<Advert> = fc.record({
  version: fc.constant(3 as const),
  vrid: fc.integer({ min: 1, max: 255 }),
  priority: fc.integer({ min: 0, max: 255 }),
  advertInt: fc.integer({ min: 0, max: 0x0fff }).map((cs) => cs * 10_000),
  vips,
  auth: fc.constant({ type: 'none' } as const),
});
const advert = fc.oneof(v2, v3);
const route = fc.record({ src: ipv4, dst: fc.oneof(fc.constant('224.0.0.18'), ipv4) });
const ipOpts = fc.record({ src: ipv4, dst: ipv4, ttl: fc.constant(255), id: fc.nat(0xffff) });

describe('codec properties', () => {
  test.prop([advert, route])('decodeAdvert(encodeAdvert(a)) = a', (a, ip) => {
    const r = decodeAdvert(encodeAdvert(a, ip), ip);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const { checksum, ...back } = r.value;
      expect(back).toEqual(a);
      expect(checksum).toBeGreaterThanOrEqual(0);
    }
  });

  test.prop([advert, ipOpts])('decodeIpv4Packet(encodeIpv4Packet(a)) = a with the IP facts given', (a, ip) => {
    const r = decodeIpv4Packet(encodeIpv4Packet(a, ip));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.advert).toEqual(a);
      expect(r.value.ip).toMatchObject({ src: ip.src, dst: ip.dst, ttl: 255, id: ip.id, tos: 0xc0, protocol: 112 });
    }
  });

  test.prop([fc.uint8Array({ maxLength: 1200 }), route])('decoding arbitrary bytes never throws', (bytes, ip) => {
    expect(() => decodeAdvert(bytes, ip)).not.toThrow();
    expect(() => decodeIpv4Packet(bytes)).not.toThrow();
    expect(() => decodeIpv4Packet(bytes, { requireTtl255: false })).not.toThrow();
  });

  // Arbitrary bytes rarely get past the IP header checks; corrupting valid packets exercises
  // the deeper checks with bytes that are nearly right.
  test.prop([advert, ipOpts, fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }), fc.integer({ min: -3, max: 3 })])(
    'decoding corrupted packets never throws',
    (a, ip, edits, lengthChange) => {
      const p = encodeIpv4Packet(a, ip);
      for (const [at, v] of edits) p[at % p.length] = v;
      const q = lengthChange < 0 ? p.subarray(0, Math.max(0, p.length + lengthChange)) : Uint8Array.from([...p, ...new Array<number>(lengthChange).fill(0)]);
      expect(() => decodeIpv4Packet(q)).not.toThrow();
      expect(() => decodeAdvert(q.subarray(20), ip)).not.toThrow();
    },
  );

  test.prop([advert, ipOpts, fc.nat(), fc.nat(7)])('any single flipped bit of an IPv4 packet is rejected', (a, ip, at, bit) => {
    const p = encodeIpv4Packet(a, ip);
    p[at % p.length] = (p[at % p.length] ?? 0) ^ (1 << bit);
    const r = decodeIpv4Packet(p);
    expect(r.ok).toBe(false);
  });

  test.prop([advert, route, fc.nat(), fc.nat(7)])('any single flipped bit of a VRRP message is rejected', (a, ip, at, bit) => {
    const m = encodeAdvert(a, ip);
    m[at % m.length] = (m[at % m.length] ?? 0) ^ (1 << bit);
    expect(decodeAdvert(m, ip).ok).toBe(false);
  });

  test.prop([v2.filter((a) => a.vips.length < 4), v3.filter((a) => a.vips.length < 4), ipv4])(
    'every bit of small v2 and v3 packets, checksum fields included, is covered',
    (a2, a3, src) => {
      for (const a of [a2, a3]) {
        const good = encodeIpv4Packet(a, { src, dst: '224.0.0.18' });
        for (let i = 0; i < good.length * 8; i++) {
          const p = Uint8Array.from(good);
          p[i >> 3] = (p[i >> 3] ?? 0) ^ (0x80 >> (i & 7));
          const r = decodeIpv4Packet(p, { requireTtl255: false });
          if (r.ok) throw new Error(`bit ${i} flipped and still decoded: ${JSON.stringify(r.value)}`);
        }
      }
    },
  );
});
