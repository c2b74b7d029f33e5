// The capture's framing (issue 14 item 14 / issue 13 point 7): a pcap stream from dumpcap, in
// any chunking, yields exactly the IPv4 and IPv6 packets of its Ethernet frames, outgoing ones
// included, and nothing else (ARP).
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { pcapReader } from '../../../src/live/pcap.js';

function header(link: number): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(0xa1b2c3d4, 0); b.writeUInt16LE(2, 4); b.writeUInt16LE(4, 6); b.writeUInt32LE(262144, 16); b.writeUInt32LE(link, 20);
  return b;
}
function record(frame: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt32LE(frame.length, 8); h.writeUInt32LE(frame.length, 12);
  return Buffer.concat([h, frame]);
}
const eth = (type: number, payload: Buffer): Buffer => {
  const h = Buffer.alloc(14);
  h.writeUInt16BE(type, 12);
  return Buffer.concat([h, payload]);
};

describe('pcap stream reader', () => {
  const ipA = Buffer.from([0x45, 0, 0, 20, 1, 2, 3, 4, 255, 112, 0, 0, 192, 0, 2, 1, 224, 0, 0, 18]);
  const ipB = Buffer.from([0x45, 0, 0, 20, 9, 9, 9, 9, 255, 112, 0, 0, 192, 0, 2, 2, 224, 0, 0, 18]);
  const ip6 = Buffer.concat([Buffer.from([0x60]), Buffer.alloc(39)]);
  const arp = Buffer.alloc(28);
  const stream = Buffer.concat([header(1), record(eth(0x0800, ipA)), record(eth(0x86dd, ip6)), record(eth(0x0806, arp)), record(eth(0x0800, ipB))]);

  test.prop([fc.array(fc.nat(stream.length), { maxLength: 8 })])('any chunking yields the IP packets in order', (cuts) => {
    const r = pcapReader();
    const at = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
    const got: Uint8Array[] = [];
    for (let i = 1; i < at.length; i++) got.push(...r.push(stream.subarray(at[i - 1], at[i])));
    expect(got.map((p) => Buffer.from(p).toString('hex'))).toEqual([ipA.toString('hex'), ip6.toString('hex'), ipB.toString('hex')]);
  });

  it('reads VLAN-tagged frames and Linux cooked captures', () => {
    const vlan = Buffer.concat([Buffer.alloc(12), Buffer.from([0x81, 0, 0, 5, 0x08, 0]), ipA]);
    expect(pcapReader().push(Buffer.concat([header(1), record(vlan)]))).toEqual([Uint8Array.from(ipA)]);
    const sll = Buffer.concat([Buffer.alloc(14), Buffer.from([0x08, 0]), ipB]);
    expect(pcapReader().push(Buffer.concat([header(113), record(sll)]))).toEqual([Uint8Array.from(ipB)]);
  });

  it('refuses a stream that is not pcap', () => {
    expect(() => pcapReader().push(Buffer.alloc(24, 7))).toThrow(/not a pcap stream/);
  });
});
