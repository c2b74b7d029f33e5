// The pcap layout byte by byte, so a writer bug shows here rather than as "tshark can't read it".
import { describe, expect, it } from 'vitest';
import { ethernetFrame, LINKTYPE_ETHERNET, LINKTYPE_RAW, macBytes, multicastMac, pcapFile } from '../../../src/vrrp/pcap.js';
import { toHex } from '../../../src/vrrp/codec.js';

describe('pcapFile', () => {
  it('writes the libpcap 2.4 global header, then one record per packet with µs timestamps', () => {
    const f = pcapFile([{ timeUs: 3_000_250, frame: Uint8Array.of(0x45, 1, 2) }, { timeUs: 4_999_999, frame: Uint8Array.of(9) }], LINKTYPE_RAW);
    expect(toHex(f.subarray(0, 24))).toBe('d4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '65000000');
    const view = new DataView(f.buffer);
    expect([view.getUint32(24, true), view.getUint32(28, true), view.getUint32(32, true), view.getUint32(36, true)]).toEqual([3, 250, 3, 3]);
    expect(toHex(f.subarray(40, 43))).toBe('450102');
    expect([view.getUint32(43, true), view.getUint32(47, true), view.getUint32(51, true)]).toEqual([4, 999_999, 1]);
    expect(f.length).toBe(24 + 16 + 3 + 16 + 1);
  });
  it('an empty capture is just the global header with the link type', () => {
    const f = pcapFile([], LINKTYPE_ETHERNET);
    expect(f.length).toBe(24);
    expect(new DataView(f.buffer).getUint32(20, true)).toBe(1);
  });
  it('rejects timestamps that are not integer µs', () => {
    expect(() => pcapFile([{ timeUs: 1.5, frame: new Uint8Array(1) }], LINKTYPE_RAW)).toThrow(RangeError);
    expect(() => pcapFile([{ timeUs: -1, frame: new Uint8Array(1) }], LINKTYPE_RAW)).toThrow(RangeError);
  });
});

describe('Ethernet framing', () => {
  it('maps 224.0.0.18 to 01:00:5e:00:00:12 and drops the 24th bit of the group', () => {
    expect(toHex(multicastMac('224.0.0.18'))).toBe('01005e000012');
    expect(toHex(multicastMac('239.129.2.3'))).toBe('01005e010203');
  });
  it('builds the captured keepalived frame header', () => {
    const f = ethernetFrame(Uint8Array.of(0x45), { src: macBytes('12:b7:73:0e:9c:c9'), dst: multicastMac('224.0.0.18') });
    expect(toHex(f, true)).toBe('01 00 5e 00 00 12 12 b7 73 0e 9c c9 08 00 45');
  });
  it('rejects malformed MACs', () => {
    expect(() => macBytes('12:b7:73:0e:9c')).toThrow(RangeError);
  });
});
