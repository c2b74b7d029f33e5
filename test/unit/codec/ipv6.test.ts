// VRRPv3 over IPv6: the packet the kernel sends for keepalived (header from keepalived's socket
// options, RFC 8200 pseudo-header checksum; the checksums below were computed apart from the
// codec, with Python's ipaddress and struct), and the receive checks in the kernel's then
// keepalived's order (vrrp.c vrrp_check_packet, AF_INET6 branches).
import { describe, expect, it } from 'vitest';
import { decodeAdvert, encodeAdvert, fromHex, readAdvertFields, toHex } from '../../../src/vrrp/codec.js';
import { decodeIpv6Packet, encodeIpv6Packet } from '../../../src/vrrp/codec-ipv6.js';
import { formatIpv6, ipv6Bytes } from '../../../src/vrrp/ipv6.js';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import type { Advert } from '../../../src/vrrp/types.js';

const HDR = '6c 00 00 00';
const SRC = 'fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01';
const GRP = 'ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 12';
const VIP1 = '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 01 01';
const VIP2 = '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 01 02';
const ONE = `${HDR} 00 18 70 ff ${SRC} ${GRP} 31 33 64 01 00 64 3d 8e ${VIP1}`;
const TWO_PRIO0 = `${HDR} 00 28 70 ff ${SRC} ${GRP} 31 33 00 02 00 64 72 c2 ${VIP1} ${VIP2}`;
const v3 = (priority: number, vips: string[]): Advert => ({ version: 3, vrid: 51, priority, advertInt: 1_000_000, vips, auth: { type: 'none' } });
const IP = { src: 'fe80::1', dst: 'ff02::12' };

describe('IPv6 addresses', () => {
  it('reads every text form and prints RFC 5952', () => {
    expect(toHex(ipv6Bytes('2001:DB8:0:0:0:0:0:101') ?? new Uint8Array(), true)).toBe(VIP1);
    expect(formatIpv6(fromHex(`00 ${VIP1}`), 1)).toBe('2001:db8::101');
    expect(formatIpv6(fromHex('20 01 0d b8 00 00 00 01 00 00 00 00 00 00 00 01'), 0)).toBe('2001:db8:0:1::1');
  });
  it.each(['192.0.2.1', '1', 'fe80::1%eth0', '2001:db8::1::2', 'gggg::1', ''])('refuses %j', (a) => {
    expect(ipv6Bytes(a)).toBeUndefined();
  });
});

describe('encoding', () => {
  it('one VIP, priority 100, from fe80::1 to ff02::12', () => {
    expect(toHex(encodeIpv6Packet(v3(100, ['2001:db8::101']), IP), true)).toBe(ONE);
  });
  it('two VIPs at priority 0 (resigning)', () => {
    expect(toHex(encodeIpv6Packet(v3(0, ['2001:db8::101', '2001:db8::102']), IP), true)).toBe(TWO_PRIO0);
  });
  it('the bare message is the payload', () => {
    expect(toHex(encodeAdvert(v3(100, ['2001:db8::101']), IP), true)).toBe(ONE.slice(3 * 40));
  });
  it('carries the flow label and hop limit given', () => {
    const p = encodeIpv6Packet(v3(100, ['2001:db8::101']), { src: '2001:db8::1', dst: '2001:db8::2', hopLimit: 64, flowLabel: 0xabcde });
    expect(toHex(p.subarray(0, 8), true)).toBe('6c 0a bc de 00 18 70 40');
  });
  it.each([
    [{ ...v3(100, ['2001:db8::101']), version: 2 as const }, IP, /VRRPv2 does not run over IPv6/],
    [v3(100, ['192.0.2.1']), IP, /VIP "192\.0\.2\.1" is not an IPv6 address/],
    [v3(100, ['2001:db8::101']), { src: '192.0.2.1', dst: 'ff02::12' }, /source "192\.0\.2\.1" is not an IPv6 address/],
  ])('refuses %#', (advert, ip, message) => {
    expect(() => encodeIpv6Packet(advert, ip)).toThrow(message);
  });
});

describe('decoding', () => {
  it('reads both vectors back', () => {
    expect(decodeIpv6Packet(fromHex(ONE))).toMatchObject({ ok: true, value: { advert: v3(100, ['2001:db8::101']), checksum: 0x3d8e, ip: { src: 'fe80::1', dst: 'ff02::12', hopLimit: 255, trafficClass: 0xc0, flowLabel: 0 } } });
    expect(decodeIpv6Packet(fromHex(TWO_PRIO0))).toMatchObject({ ok: true, value: { advert: v3(0, ['2001:db8::101', '2001:db8::102']) } });
    expect(decodeAdvert(fromHex(ONE).subarray(40), IP)).toEqual({ ok: true, value: { ...v3(100, ['2001:db8::101']), checksum: 0x3d8e } });
  });
  it('drops Ethernet padding past the payload length, as ipv6_rcv trims it', () => {
    expect(decodeIpv6Packet(fromHex(`${ONE} 00 00 00 00`))).toMatchObject({ ok: true });
  });

  const bytes = (): Uint8Array => fromHex(ONE);
  const edit = (f: (b: Uint8Array) => void): Uint8Array => { const b = bytes(); f(b); return b; };
  it.each([
    ['too-short', bytes().subarray(0, 39)],
    ['bad-ip-version', edit((b) => { b[0] = 0x4c; })],
    ['too-short', edit((b) => { b[5] = 0x19; })],
    ['not-vrrp-protocol', edit((b) => { b[6] = 0; })],
    ['bad-checksum', edit((b) => { b[47] = 0x8f; })],
    // The kernel sums the payload it got, so a message one address short still checks out there.
    ['length-mismatch', fromHex(`${HDR} 00 18 70 ff ${SRC} ${GRP} 31 33 64 02 00 64 3d 8d ${VIP1}`)],
    ['bad-ttl', edit((b) => { b[7] = 64; })],
  ])('%s', (reason, b) => {
    expect(decodeIpv6Packet(b)).toMatchObject({ ok: false, reason });
  });

  it('checksum before everything keepalived checks: a VRID 0 with a bad checksum is bad-checksum', () => {
    expect(decodeIpv6Packet(edit((b) => { b[41] = 0; }))).toMatchObject({ ok: false, reason: 'bad-checksum' });
  });
  it('a v2 message over IPv6 is the wrong version (keepalived makes IPv6 instances v3)', () => {
    const msg = fromHex('21 33 64 01 00 01 00 00').subarray(0);
    const withAddr = new Uint8Array([...msg, ...fromHex(VIP1)]);
    const f = readAdvertFields(withAddr, IP);
    const sum = f?.expectedChecksum ?? 0;
    withAddr[6] = sum >>> 8;
    withAddr[7] = sum & 0xff;
    expect(decodeAdvert(withAddr, IP)).toMatchObject({ ok: false, reason: 'bad-version', detail: expect.stringMatching(/expected 3/) as unknown });
  });
  it('--unicast waives the hop limit', () => {
    expect(decodeIpv6Packet(edit((b) => { b[7] = 64; }), { requireHopLimit255: false })).toMatchObject({ ok: true });
  });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vrrplab packet over IPv6', () => {
  it('encode --ip gives the vector; ff02::12 is the default group for an IPv6 source', async () => {
    const r = await run('packet', 'encode', '--version', '3', '--vrid', '51', '--ip', '--src', 'fe80::1', '2001:db8::101');
    expect(r).toEqual({ code: 0, out: `${ONE.replace(/ /g, '')}\n`, err: '' });
  });
  it('decode shows the IPv6 header and the VIPs', async () => {
    const r = await run('packet', 'decode', ONE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ip.version: 6\nip.trafficClass: 0xc0\nip.flowLabel: 0x00000\nip.payloadLength: 24\nip.nextHeader: 112\nip.hopLimit: 255\nip.src: fe80::1\nip.dst: ff02::12\n');
    expect(r.out).toContain('vrrp.checksum: 0x3d8e [Good]\nvrrp.vips: 2001:db8::101\nresult: ok\n');
  });
  it('decode of a bare message with an IPv6 --src', async () => {
    const r = await run('packet', 'decode', ONE.slice(3 * 40), '--src', 'fe80::1');
    expect(r.out).toContain('vrrp.checksum: 0x3d8e [Good]');
    expect(r.code).toBe(0);
  });
  it('decode exits 1 on a bad checksum and says so', async () => {
    const r = await run('packet', 'decode', ONE.slice(3 * 40), '--src', 'fe80::2');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/vrrp\.checksum: 0x3d8e \[Bad, expected 0x[0-9a-f]{4}\]\nvrrp\.vips: 2001:db8::101\nresult: bad-checksum: /);
  });
  it.each([
    [['encode', '--vrid', '5', '--src', 'fe80::1', '2001:db8::1'], /--version: VRRPv2 does not run over IPv6/],
    [['encode', '--version', '3', '--vrid', '5', '--src', 'fe80::1', '192.0.2.1'], /VIP: "192\.0\.2\.1" is IPv4 but the advert is IPv6/],
    [['encode', '--version', '3', '--vrid', '5', '--src', '192.0.2.1', '--dst', 'ff02::12', '2001:db8::1'], /--src: "192\.0\.2\.1" is IPv4 but the advert is IPv6/],
    [['encode', '--version', '3', '--vrid', '5', '--ip', '--src', 'fe80::1', '--id', '3', '2001:db8::1'], /--id: .*IPv6 header has none/],
    [['encode', '--version', '3', '--vrid', '5', '--ip', '--src', '192.0.2.1', '--flow-label', '3', '192.0.2.2'], /--flow-label: .*for IPv6/],
    [['encode', '--version', '3', '--vrid', '5', '--ip', '--src', 'fe80::1', '--flow-label', '1048576', '2001:db8::1'], /--flow-label: flow label "1048576" is out of range; expected an integer 0\.\.1048575/],
    [['encode', '--version', '3', '--vrid', '5', '2001:db8::1'], /--src: a VRRPv3 checksum covers the IPv6 source address/],
    [['decode', ONE, '--src', 'fe80::1'], /--src: this is an IPv6 packet/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run('packet', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
