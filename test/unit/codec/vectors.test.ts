// The bytes keepalived 2.2.7 was captured sending (vrrp-packets.md §6): the codec must produce
// them exactly and read them back to the advert that made them.
import { describe, expect, it } from 'vitest';
import { decodeAdvert, decodeIpv4Packet, encodeAdvert, encodeIpv4Packet, fromHex, toHex } from '../../../src/vrrp/codec.js';
import type { Advert } from '../../../src/vrrp/types.js';

const VIP = '192.0.2.101';
const GROUP = '224.0.0.18';
const v2 = (priority: number, auth: Advert['auth'] = { type: 'none' }): Advert =>
  ({ version: 2, vrid: 51, priority, advertInt: 1_000_000, vips: [VIP], auth });
const v3 = (priority: number, advertInt: number): Advert =>
  ({ version: 3, vrid: 51, priority, advertInt, vips: [VIP], auth: { type: 'none' } });

const vectors: ReadonlyArray<{ name: string; advert: Advert; src: string; hex: string; checksum: number }> = [
  { name: 'worked example: v2 prio 100', advert: v2(100), src: '10.99.0.1', hex: '21 33 64 01 00 01 b8 64 c0 00 02 65 00 00 00 00 00 00 00 00', checksum: 0xb864 },
  { name: 'v2 prio 200', advert: v2(200), src: '10.99.0.1', hex: '21 33 c8 01 00 01 54 64 c0 00 02 65 00 00 00 00 00 00 00 00', checksum: 0x5464 },
  { name: 'v2 prio 0', advert: v2(0), src: '10.99.0.1', hex: '21 33 00 01 00 01 1c 65 c0 00 02 65 00 00 00 00 00 00 00 00', checksum: 0x1c65 },
  { name: 'v2 PASS secret', advert: v2(100, { type: 'PASS', pass: 'secret' }), src: '10.99.0.1', hex: '21 33 64 01 01 01 7b 18 c0 00 02 65 73 65 63 72 65 74 00 00', checksum: 0x7b18 },
  { name: 'v3 prio 200 0.5 s', advert: v3(200, 500_000), src: '10.99.0.1', hex: '31 33 c8 01 00 32 59 40 c0 00 02 65', checksum: 0x5940 },
  { name: 'v3 prio 100 1 s', advert: v3(100, 1_000_000), src: '10.99.0.2', hex: '31 33 64 01 00 64 bd 0d c0 00 02 65', checksum: 0xbd0d },
  { name: 'v3 prio 0 1 s', advert: v3(0, 1_000_000), src: '10.99.0.2', hex: '31 33 00 01 00 64 21 0e c0 00 02 65', checksum: 0x210e },
];

describe('captured keepalived adverts', () => {
  for (const v of vectors) {
    it(`encodes ${v.name}`, () => {
      expect(toHex(encodeAdvert(v.advert, { src: v.src, dst: GROUP }), true)).toBe(v.hex);
    });
    it(`decodes ${v.name}`, () => {
      expect(decodeAdvert(fromHex(v.hex), { src: v.src, dst: GROUP })).toEqual({ ok: true, value: { ...v.advert, checksum: v.checksum } });
    });
  }

  it('v3 checksum depends on the pseudo-header: another source address fails', () => {
    const r = decodeAdvert(fromHex('31 33 c8 01 00 32 59 40 c0 00 02 65'), { src: '10.99.0.2', dst: GROUP });
    expect(r).toMatchObject({ ok: false, reason: 'bad-checksum' });
  });
});

describe('IPv4 header as captured (src 10.99.0.1, first advert)', () => {
  const frame = '45 c0 00 28 00 01 00 00 ff 70 d0 2e 0a 63 00 01 e0 00 00 12 21 33 64 01 00 01 b8 64 c0 00 02 65 00 00 00 00 00 00 00 00';
  it('encodes byte for byte, header checksum 0xd02e', () => {
    const bytes = encodeIpv4Packet(v2(100), { src: '10.99.0.1', dst: GROUP, id: 1 });
    expect(toHex(bytes, true)).toBe(frame);
    expect(((bytes[10] ?? 0) << 8) | (bytes[11] ?? 0)).toBe(0xd02e);
  });
  it('defaults to TTL 255 and ID 1 like a first advert', () => {
    expect(toHex(encodeIpv4Packet(v2(100), { src: '10.99.0.1', dst: GROUP }), true)).toBe(frame);
  });
  it('decodes header and advert', () => {
    const r = decodeIpv4Packet(fromHex(frame));
    expect(r).toEqual({
      ok: true,
      value: {
        ip: {
          headerLength: 20, tos: 0xc0, totalLength: 40, id: 1, dontFragment: false, moreFragments: false,
          fragmentOffset: 0, ttl: 255, protocol: 112, headerChecksum: 0xd02e, src: '10.99.0.1', dst: GROUP,
        },
        advert: v2(100),
        checksum: 0xb864,
      },
    });
  });
});

describe('hex helpers', () => {
  it('accepts spaces, colons and a 0x prefix', () => {
    expect(Array.from(fromHex('0x21:33 64\n01'))).toEqual([0x21, 0x33, 0x64, 0x01]);
  });
  it('rejects odd length and non-hex with RangeError', () => {
    expect(() => fromHex('213')).toThrow(/odd number/);
    expect(() => fromHex('21zz')).toThrow(/"z" is not a hex digit/);
  });
  it('prints grouped and ungrouped lower case', () => {
    expect(toHex(Uint8Array.of(0xab, 1))).toBe('ab01');
    expect(toHex(Uint8Array.of(0xab, 1), true)).toBe('ab 01');
  });
});
