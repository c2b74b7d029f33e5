// Wireshark's VRRP dissector as an independent judge of the codec: packets the codec builds
// must dissect as VRRP with the fields we meant and checksum status Good, in both link types
// the pcap writer offers; a packet we corrupt on purpose must come out Bad.
import { expect, it } from 'vitest';
import { decodeIpv4Packet, encodeIpv4Packet } from '../../src/vrrp/codec.js';
import { ethernetFrame, LINKTYPE_ETHERNET, LINKTYPE_RAW, macBytes, multicastMac } from '../../src/vrrp/pcap.js';
import type { Advert } from '../../src/vrrp/types.js';
import { dissector, flipByte, haveTshark, toolSuite, tsharkMissing } from '../support/tshark.js';

const suite = toolSuite(tsharkMissing, 'tshark conformance tests');

const GROUP = '224.0.0.18';
const cases: ReadonlyArray<{ advert: Advert; src: string; dst: string; ttl: number }> = [
  { advert: { version: 2, vrid: 51, priority: 100, advertInt: 1_000_000, vips: ['192.0.2.101'], auth: { type: 'none' } }, src: '192.0.2.1', dst: GROUP, ttl: 255 },
  { advert: { version: 2, vrid: 52, priority: 150, advertInt: 3_000_000, vips: ['192.0.2.101', '198.51.100.7'], auth: { type: 'PASS', pass: 'secret' } }, src: '192.0.2.2', dst: GROUP, ttl: 255 },
  { advert: { version: 2, vrid: 53, priority: 0, advertInt: 1_000_000, vips: ['192.0.2.103'], auth: { type: 'PASS', pass: '8bytes!!' } }, src: '192.0.2.3', dst: GROUP, ttl: 255 },
  { advert: { version: 3, vrid: 54, priority: 200, advertInt: 500_000, vips: ['192.0.2.104'], auth: { type: 'none' } }, src: '192.0.2.4', dst: GROUP, ttl: 255 },
  { advert: { version: 3, vrid: 55, priority: 255, advertInt: 40_950_000, vips: ['192.0.2.105', '192.0.2.106', '192.0.2.107'], auth: { type: 'none' } }, src: '192.0.2.5', dst: '192.0.2.6', ttl: 64 },
];
const packets = cases.map((c, i) => encodeIpv4Packet(c.advert, { src: c.src, dst: c.dst, ttl: c.ttl, id: i + 1 }));

const dissect = dissector('vrrplab-tshark-', ['ip.ttl', 'vrrp.version', 'vrrp.prio', 'vrrp.checksum.status', 'vrrp.ip_addr', 'vrrp.virt_rtr_id', 'vrrp.auth_string', 'frame.time_epoch']);

/** tshark's rows as we expect them (checksum status: 1 = Good, 0 = Bad, 2 = unverified). */
function expected(status: string): string[][] {
  return cases.map((c, i) => [
    String(c.ttl), String(c.advert.version), String(c.advert.priority), status, c.advert.vips.join(','), String(c.advert.vrid),
    c.advert.auth.type === 'PASS' ? c.advert.auth.pass : '', `${i}.000250000`,
  ]);
}

suite('tshark dissects codec-built adverts', () => {
  it('has tshark (fails on CI when missing)', () => {
    expect(haveTshark, 'tshark is not installed').toBe(true);
  });

  it('raw IPv4 pcap: every field as built, every checksum Good', () => {
    expect(dissect(packets, LINKTYPE_RAW, 'raw.pcap')).toEqual(expected('1'));
  });

  it('Ethernet pcap with the multicast MAC: same verdict', () => {
    const src = macBytes('02:00:00:00:00:01');
    const frames = packets.map((p, i) => ethernetFrame(p, { src, dst: cases[i]?.dst === GROUP ? multicastMac(GROUP) : macBytes('02:00:00:00:00:02') }));
    expect(dissect(frames, LINKTYPE_ETHERNET, 'ether.pcap')).toEqual(expected('1'));
  });

  it('a VRRP checksum we break is Bad for tshark and rejected by the codec', () => {
    // Byte 27: the low byte of the VRRP checksum; the IP header stays valid.
    const broken = flipByte(packets, 27);
    expect(dissect(broken, LINKTYPE_RAW, 'bad.pcap').map((row) => row[3])).toEqual(cases.map(() => '0'));
    for (const q of broken) expect(decodeIpv4Packet(q, { requireTtl255: false })).toMatchObject({ ok: false, reason: 'bad-checksum' });
  });
});
