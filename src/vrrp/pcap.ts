// Classic libpcap files, so that simulated and live traffic can be opened in Wireshark/tshark.
// Microsecond timestamps are exactly what the simulator keeps, so nothing is rounded.
import type { Ipv4, Ipv6, Micros } from './types.js';
import { ipv4BytesOrThrow } from './ipv4.js';
import { ipv6BytesOrThrow } from './ipv6.js';

/** Frames are bare IPv4 or IPv6 packets (what the codec produces; the version nibble tells). */
export const LINKTYPE_RAW = 101;
/** Frames start with a 14-byte Ethernet II header (see ethernetFrame). */
export const LINKTYPE_ETHERNET = 1;
export type Linktype = typeof LINKTYPE_RAW | typeof LINKTYPE_ETHERNET;

const PCAP_MAGIC_MICROS = 0xa1b2c3d4;
const SNAPLEN = 262_144;
const GLOBAL_HEADER_LEN = 24;
const RECORD_HEADER_LEN = 16;

export interface PcapPacket {
  /** Capture time in integer microseconds (any epoch; the simulator's starts at 0). */
  readonly timeUs: Micros;
  readonly frame: Uint8Array;
}

/** A whole little-endian pcap file (version 2.4, microsecond timestamps). */
export function pcapFile(packets: readonly PcapPacket[], linktype: Linktype): Uint8Array {
  const size = packets.reduce((n, p) => n + RECORD_HEADER_LEN + p.frame.length, GLOBAL_HEADER_LEN);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC_MICROS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  // thiszone and sigfigs stay 0.
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, linktype, true);
  let o = GLOBAL_HEADER_LEN;
  for (const p of packets) {
    if (!Number.isSafeInteger(p.timeUs) || p.timeUs < 0 || p.timeUs / 1e6 >= 2 ** 32) {
      throw new RangeError(`pcap timestamp ${String(p.timeUs)} µs is not a non-negative integer below 2^32 s`);
    }
    if (p.frame.length > SNAPLEN) throw new RangeError(`frame of ${p.frame.length} bytes exceeds the snap length ${SNAPLEN}`);
    view.setUint32(o, Math.floor(p.timeUs / 1_000_000), true);
    view.setUint32(o + 4, p.timeUs % 1_000_000, true);
    view.setUint32(o + 8, p.frame.length, true);
    view.setUint32(o + 12, p.frame.length, true);
    out.set(p.frame, o + RECORD_HEADER_LEN);
    o += RECORD_HEADER_LEN + p.frame.length;
  }
  return out;
}

/** The Ethernet address an IPv4 multicast group maps to (RFC 1112): 224.0.0.18 → 01:00:5e:00:00:12. */
export function multicastMac(group: Ipv4): Uint8Array {
  const g = ipv4BytesOrThrow(group, 'multicast group');
  return Uint8Array.of(0x01, 0x00, 0x5e, (g[1] ?? 0) & 0x7f, g[2] ?? 0, g[3] ?? 0);
}

/** RFC 2464 §7: 33:33 and the group's last four bytes, so ff02::12 → 33:33:00:00:00:12. */
export function multicastMac6(group: Ipv6): Uint8Array {
  const g = ipv6BytesOrThrow(group, 'multicast group');
  return Uint8Array.of(0x33, 0x33, g[12] ?? 0, g[13] ?? 0, g[14] ?? 0, g[15] ?? 0);
}

/** Parses "12:b7:73:0e:9c:c9" (or with dashes); throws RangeError otherwise. */
export function macBytes(mac: string): Uint8Array {
  const parts = mac.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) {
    throw new RangeError(`${JSON.stringify(mac)} is not a MAC address like 12:b7:73:0e:9c:c9`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/**
 * An IP packet in an Ethernet II frame, EtherType from its version nibble (0x86dd for IPv6). keepalived sends from the interface's own MAC (not the
 * VRRP virtual MAC unless use_vmac), so the caller supplies it; multicast destinations map to
 * their group MAC, unicast ones need the peer's MAC in `dstMac`.
 */
export function ethernetFrame(ipPacket: Uint8Array, macs: { src: Uint8Array; dst: Uint8Array }): Uint8Array {
  if (macs.src.length !== 6 || macs.dst.length !== 6) throw new RangeError('MAC addresses are 6 bytes');
  const out = new Uint8Array(14 + ipPacket.length);
  out.set(macs.dst, 0);
  out.set(macs.src, 6);
  const v6 = (ipPacket[0] ?? 0) >>> 4 === 6;
  out[12] = v6 ? 0x86 : 0x08;
  out[13] = v6 ? 0xdd : 0x00;
  out.set(ipPacket, 14);
  return out;
}
