// The unsolicited neighbour advertisement speak sends: keepalived's layout (vrrp_ndisc.c
// ndisc_send_unsolicited_na_immediate()), checked field by field and by its checksum; the
// conformance test speak-ndisc.test.ts compares it byte for byte with keepalived's own.
import { describe, expect, it } from 'vitest';
import { ALL_NODES, encodeUnsolicitedNa } from '../../../src/live/ndisc.js';
import { internetChecksum } from '../../../src/vrrp/checksum.js';
import { ipv6BytesOrThrow, ipv6PseudoHeader, readIpv6Header } from '../../../src/vrrp/ipv6.js';
import { macBytes } from '../../../src/vrrp/pcap.js';

const MAC = macBytes('02:00:5e:00:01:07');

describe('unsolicited neighbour advertisement', () => {
  it('goes from the VIP to ff02::1 with hop limit 255, override set, target = VIP, our MAC', () => {
    const p = encodeUnsolicitedNa({ target: '2001:db8::101', mac: MAC, router: false });
    expect(p.length).toBe(72);
    expect(readIpv6Header(p)).toEqual({ version: 6, trafficClass: 0, flowLabel: 0, payloadLength: 32, nextHeader: 58, hopLimit: 255, src: '2001:db8::101', dst: ALL_NODES });
    const icmp = p.subarray(40);
    expect([icmp[0], icmp[1], icmp[4], icmp[5], icmp[6], icmp[7]]).toEqual([136, 0, 0x20, 0, 0, 0]);
    expect(icmp.subarray(8, 24)).toEqual(ipv6BytesOrThrow('2001:db8::101', 't'));
    expect([...icmp.subarray(24)]).toEqual([2, 1, ...MAC]);
    // The checksum covers the pseudo-header: summing it with the message gives 0.
    expect(internetChecksum(ipv6PseudoHeader(icmp.subarray(8, 24), ipv6BytesOrThrow(ALL_NODES, 'd'), 32, 58), icmp)).toBe(0);
  });

  it('sets the router flag when the interface forwards IPv6', () => {
    const p = encodeUnsolicitedNa({ target: '2001:db8::101', mac: MAC, router: true });
    expect(p[44]).toBe(0xa0);
    expect(internetChecksum(ipv6PseudoHeader(p.subarray(48, 64), ipv6BytesOrThrow(ALL_NODES, 'd'), 32, 58), p.subarray(40))).toBe(0);
  });

  it('refuses a link-layer address that is not Ethernet', () => {
    expect(() => encodeUnsolicitedNa({ target: '2001:db8::101', mac: new Uint8Array(8), router: false })).toThrow(/expected an Ethernet address/);
  });
});
