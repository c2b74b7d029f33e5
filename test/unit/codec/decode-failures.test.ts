// Each rejection reason, and keepalived's order when a packet has several faults
// (vrrp-packets.md §5: length, TTL, version, auth type, type, tot_len, checksum).
import { describe, expect, it } from 'vitest';
import { decodeAdvert, decodeIpv4Packet, encodeAdvert, encodeIpv4Packet, type DecodeFailure } from '../../../src/vrrp/codec.js';
import { internetChecksum } from '../../../src/vrrp/checksum.js';
import type { Advert } from '../../../src/vrrp/types.js';

const SRC = '192.0.2.1';
const GROUP = '224.0.0.18';
const ADVERT: Advert = { version: 2, vrid: 51, priority: 100, advertInt: 1_000_000, vips: ['192.0.2.101'], auth: { type: 'none' } };
const packet = (): Uint8Array => encodeIpv4Packet(ADVERT, { src: SRC, dst: GROUP });

/** Re-seals both checksums after an edit so only the edited fault remains. */
function reseal(p: Uint8Array, fixIpHeader = true, fixVrrp = true): Uint8Array {
  const ihl = ((p[0] ?? 0) & 15) * 4;
  if (fixVrrp && p.length >= ihl + 8) {
    p[ihl + 6] = 0; p[ihl + 7] = 0;
    const s = internetChecksum(p.subarray(ihl));
    p[ihl + 6] = s >>> 8; p[ihl + 7] = s & 255;
  }
  if (fixIpHeader) {
    p[10] = 0; p[11] = 0;
    const s = internetChecksum(p.subarray(0, ihl));
    p[10] = s >>> 8; p[11] = s & 255;
  }
  return p;
}

function edit(f: (p: Uint8Array) => Uint8Array | void): Uint8Array {
  const p = packet();
  return reseal(f(p) ?? p);
}

const reason = (bytes: Uint8Array, opts?: { requireTtl255?: boolean }): DecodeFailure | 'ok' => {
  const r = decodeIpv4Packet(bytes, opts);
  return r.ok ? 'ok' : r.reason;
};

describe('decodeIpv4Packet reasons', () => {
  it('accepts the unedited packet', () => expect(reason(packet())).toBe('ok'));
  it('too short for an IPv4 header', () => expect(reason(packet().subarray(0, 19))).toBe('too-short'));
  it('IPv6', () => expect(reason(edit((p) => { p[0] = 0x65; }))).toBe('bad-ip-version'));
  it('IHL below 5', () => expect(reason(edit((p) => { p[0] = 0x44; }))).toBe('bad-ip-header-length'));
  it('IP header checksum', () => expect(reason(reseal(Object.assign(packet(), { 8: 254 }), false))).toBe('bad-ip-header-checksum'));
  it('fragment', () => expect(reason(edit((p) => { p[6] = 0x20; }))).toBe('fragmented'));
  it('AH is another protocol', () => {
    const r = decodeIpv4Packet(edit((p) => { p[9] = 51; }));
    expect(r).toMatchObject({ ok: false, reason: 'not-vrrp-protocol' });
    expect(r.ok ? '' : r.detail).toMatch(/AH/);
  });
  it('less than a VRRP header after the IP header', () => {
    expect(reason(edit((p) => p.slice(0, 27)))).toBe('too-short');
  });
  it('VRID 0', () => expect(reason(edit((p) => { p[21] = 0; }))).toBe('bad-vrid'));
  it('count disagreeing with the bytes', () => expect(reason(edit((p) => { p[23] = 2; }))).toBe('length-mismatch'));
  it('trailing byte', () => expect(reason(edit((p) => { const q = new Uint8Array(p.length + 1); q.set(p); return q; }))).toBe('length-mismatch'));
  it('TTL 254, unless the receiver is unicast', () => {
    const p = edit((q) => { q[8] = 254; });
    expect(reason(p)).toBe('bad-ttl');
    expect(reason(p, { requireTtl255: false })).toBe('ok');
  });
  it('version 4 VRRP without auth bytes is a length problem first, as in keepalived', () => {
    expect(reason(edit((p) => { p[20] = 0x41; }))).toBe('length-mismatch');
    expect(reason(edit((p) => { p[20] = 0x41; return p.slice(0, 32); }))).toBe('bad-version');
  });
  it('auth type 2 without an AH header, and unknown auth types', () => {
    expect(reason(edit((p) => { p[24] = 2; }))).toBe('bad-auth-type');
    expect(reason(edit((p) => { p[24] = 7; }))).toBe('bad-auth-type');
  });
  it('packet type 2', () => expect(reason(edit((p) => { p[20] = 0x22; }))).toBe('bad-type'));
  it('IP total length', () => expect(reason(edit((p) => { p[3] = 41; }))).toBe('bad-total-length'));
  it('VRRP checksum, with the expected value in the detail', () => {
    const r = decodeIpv4Packet(reseal(Object.assign(packet(), { 26: 0 }), true, false));
    expect(r).toEqual({ ok: false, reason: 'bad-checksum', detail: expect.stringMatching(/checksum 0x0064, expected 0x[0-9a-f]{4}/) });
  });
  it('PASS data that no password string makes', () => {
    const p = encodeIpv4Packet({ ...ADVERT, auth: { type: 'PASS', pass: 'ab' } }, { src: SRC, dst: GROUP });
    p[p.length - 8] = 0; // "\0b..." — an interior NUL
    expect(reason(reseal(p))).toBe('bad-auth-data');
  });

  it('honours IP options (IHL 6), which keepalived skips by IHL', () => {
    const plain = packet();
    const p = new Uint8Array(plain.length + 4);
    p.set(plain.subarray(0, 20));
    p.set([1, 1, 1, 0], 20); // NOP NOP NOP EOL
    p.set(plain.subarray(20), 24);
    p[0] = 0x46;
    p[3] = (p[3] ?? 0) + 4;
    const r = decodeIpv4Packet(reseal(p));
    expect(r).toMatchObject({ ok: true, value: { ip: { headerLength: 24, totalLength: 44 }, advert: ADVERT } });
  });

  it('reports the earliest of several faults in keepalived order', () => {
    // TTL, auth type, type and checksum all wrong: TTL wins.
    const p = edit((q) => { q[8] = 1; q[20] = 0x2f; q[24] = 9; });
    p[27] = (p[27] ?? 0) ^ 1;
    expect(reason(p)).toBe('bad-ttl');
    // Type and total length wrong: type wins (checked before tot_len).
    expect(reason(edit((q) => { q[20] = 0x2f; q[3] = 60; }))).toBe('bad-type');
    // Auth type and type wrong: auth type wins.
    expect(reason(edit((q) => { q[20] = 0x2f; q[24] = 9; }))).toBe('bad-auth-type');
  });
});

describe('decodeAdvert (VRRP message only)', () => {
  const msg = encodeAdvert(ADVERT, { src: SRC, dst: GROUP });
  it('too short', () => expect(decodeAdvert(msg.subarray(0, 7), { src: SRC, dst: GROUP })).toMatchObject({ ok: false, reason: 'too-short' }));
  it('v3 needs a real pseudo-header to verify', () => {
    const m3 = encodeAdvert({ ...ADVERT, version: 3 }, { src: SRC, dst: GROUP });
    expect(decodeAdvert(m3, { src: 'nonsense', dst: GROUP })).toMatchObject({ ok: false, reason: 'bad-checksum' });
    expect(decodeAdvert(m3, { src: SRC, dst: '192.0.2.2' })).toMatchObject({ ok: false, reason: 'bad-checksum' });
    expect(decodeAdvert(m3, { src: SRC, dst: GROUP })).toMatchObject({ ok: true });
  });
});

describe('encode rejects adverts the wire cannot carry', () => {
  const enc = (a: Partial<Advert>): Uint8Array => encodeAdvert({ ...ADVERT, ...a } as Advert, { src: SRC, dst: GROUP });
  const cases: ReadonlyArray<[string, Partial<Advert>, RegExp]> = [
    ['v2 half second', { advertInt: 500_000 }, /500000/],
    ['v2 256 s', { advertInt: 256_000_000 }, /256000000/],
    ['v3 15 ms', { version: 3, advertInt: 15_000 }, /15000/],
    ['v3 41 s', { version: 3, advertInt: 41_000_000 }, /41000000/],
    ['fractional µs', { advertInt: 1_000_000.5 }, /1000000.5/],
    ['VRID 0', { vrid: 0 }, /VRID 0/],
    ['VRID 256', { vrid: 256 }, /VRID 256/],
    ['priority 256', { priority: 256 }, /priority 256/],
    ['bad VIP', { vips: ['192.0.2.300'] }, /192\.0\.2\.300/],
    ['256 VIPs', { vips: Array.from({ length: 256 }, () => '192.0.2.1') }, /256 VIPs/],
    ['v3 PASS', { version: 3, advertInt: 1_000_000, auth: { type: 'PASS', pass: 'x' } }, /no authentication/],
    ['9-byte pass', { auth: { type: 'PASS', pass: 'ninebytes' } }, /ninebytes/],
  ];
  it.each(cases)('%s', (_name, a, msg) => {
    expect(() => enc(a)).toThrow(RangeError);
    expect(() => enc(a)).toThrow(msg);
  });
  it('bad TTL and ID for the IP header', () => {
    expect(() => encodeIpv4Packet(ADVERT, { src: SRC, dst: GROUP, ttl: 256 })).toThrow(RangeError);
    expect(() => encodeIpv4Packet(ADVERT, { src: SRC, dst: GROUP, id: 65536 })).toThrow(RangeError);
  });
});
