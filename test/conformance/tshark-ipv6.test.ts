// Wireshark's VRRP dissector judges the codec's IPv6 packets as the IPv4 test does its IPv4
// ones: every field as built and the IPv6 pseudo-header checksum Good, in a raw-IP pcap and in
// Ethernet frames of type 0x86dd to the 33:33:00:00:00:12 group MAC; a checksum we break is Bad.
import { expect, it } from 'vitest';
import { decodeIpv6Packet, encodeIpv6Packet } from '../../src/vrrp/codec-ipv6.js';
import { ethernetFrame, LINKTYPE_ETHERNET, LINKTYPE_RAW, macBytes, multicastMac6 } from '../../src/vrrp/pcap.js';
import type { Advert } from '../../src/vrrp/types.js';
import { dissector, flipByte, haveTshark, toolSuite, tsharkMissing } from '../support/tshark.js';

const suite = toolSuite(tsharkMissing, 'tshark IPv6 conformance tests');

const GROUP = 'ff02::12';
const v3 = (vrid: number, priority: number, advertInt: number, vips: string[]): Advert => ({ version: 3, vrid, priority, advertInt, vips, auth: { type: 'none' } });
const cases: ReadonlyArray<{ advert: Advert; src: string; dst: string; hopLimit: number; flowLabel: number }> = [
  { advert: v3(61, 100, 1_000_000, ['2001:db8::101']), src: 'fe80::1', dst: GROUP, hopLimit: 255, flowLabel: 0 },
  { advert: v3(62, 150, 500_000, ['2001:db8::101', '2001:db8::102']), src: 'fe80::200:ff:fe00:2', dst: GROUP, hopLimit: 255, flowLabel: 0x9a3c1 },
  { advert: v3(63, 0, 40_950_000, ['2001:db8:0:1::1', 'fe80::abcd', '2001:db8::ffff:0:1']), src: 'fe80::3', dst: GROUP, hopLimit: 255, flowLabel: 0 },
  // A unicast peer: the checksum covers the peer's global address, the hop limit is the socket's.
  { advert: v3(64, 255, 10_000, ['2001:db8::104']), src: '2001:db8::4', dst: '2001:db8::5', hopLimit: 64, flowLabel: 0xfffff },
];
const packets = cases.map((c) => encodeIpv6Packet(c.advert, { src: c.src, dst: c.dst, hopLimit: c.hopLimit, flowLabel: c.flowLabel }));

const dissect = dissector('vrrplab-tshark6-', ['ipv6.hlim', 'ipv6.tclass', 'ipv6.flow', 'ipv6.src', 'ipv6.dst', 'ipv6.nxt',
  'vrrp.version', 'vrrp.prio', 'vrrp.checksum.status', 'vrrp.ipv6_addr', 'vrrp.virt_rtr_id', 'vrrp.short_adver_int', 'frame.time_epoch']);

/** tshark's rows as we expect them (checksum status: 1 = Good, 0 = Bad). */
function expected(status: string): string[][] {
  return cases.map((c, i) => [
    String(c.hopLimit), '0x000000c0', `0x${c.flowLabel.toString(16).padStart(6, '0')}`, c.src, c.dst, '112',
    '3', String(c.advert.priority), status, c.advert.vips.join(','), String(c.advert.vrid), String(c.advert.advertInt / 10_000), `${i}.000250000`,
  ]);
}

suite('tshark dissects codec-built IPv6 adverts', () => {
  it('has tshark (fails on CI when missing)', () => {
    expect(haveTshark, 'tshark is not installed').toBe(true);
  });

  it('raw IPv6 pcap: every field as built, every checksum Good', () => {
    expect(dissect(packets, LINKTYPE_RAW, 'raw6.pcap')).toEqual(expected('1'));
  });

  it('Ethernet pcap (type 0x86dd, group MAC 33:33:00:00:00:12): same verdict', () => {
    const src = macBytes('02:00:00:00:00:01');
    const frames = packets.map((p, i) => ethernetFrame(p, { src, dst: cases[i]?.dst === GROUP ? multicastMac6(GROUP) : macBytes('02:00:00:00:00:02') }));
    expect(frames.map((f) => `${(f[12] ?? 0).toString(16)}${(f[13] ?? 0).toString(16)}`)).toEqual(cases.map(() => '86dd'));
    expect(dissect(frames, LINKTYPE_ETHERNET, 'ether6.pcap')).toEqual(expected('1'));
  });

  it('a VRRP checksum we break is Bad for tshark and rejected by the codec', () => {
    // Byte 47: the low byte of the VRRP checksum (40-byte IPv6 header + 7).
    const broken = flipByte(packets, 47);
    expect(dissect(broken, LINKTYPE_RAW, 'bad6.pcap').map((row) => row[8])).toEqual(cases.map(() => '0'));
    for (const q of broken) expect(decodeIpv6Packet(q, { requireHopLimit255: false })).toMatchObject({ ok: false, reason: 'bad-checksum' });
  });
});
