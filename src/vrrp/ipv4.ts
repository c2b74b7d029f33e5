// IPv4 addresses as the wire carries them, and the IPv4 header keepalived builds itself for its
// raw IP_HDRINCL socket (vrrp-packets.md §1). IPv6 is out of scope: there the kernel builds the
// header and the codec would only need the VRRP message.
import type { Ipv4 } from './types.js';
import { internetChecksum } from './checksum.js';

export const IPPROTO_VRRP = 112;
export const IPPROTO_AH = 51;
export const IPV4_HEADER_LEN = 20;
/** DSCP CS6, "internet network control": keepalived's TOS for every advert. */
export const VRRP_TOS = 0xc0;
export const VRRP_TTL = 255;

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** The four bytes of a canonical dotted quad (no leading zeros), or undefined if it is not one. */
export function ipv4Bytes(a: string): Uint8Array | undefined {
  const m = DOTTED_QUAD.exec(a);
  if (m === null) return undefined;
  return Uint8Array.of(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]));
}

export function isIpv4(a: string): boolean {
  return DOTTED_QUAD.test(a);
}

export function formatIpv4(bytes: Uint8Array, offset: number): Ipv4 {
  return `${bytes[offset] ?? 0}.${bytes[offset + 1] ?? 0}.${bytes[offset + 2] ?? 0}.${bytes[offset + 3] ?? 0}`;
}

/** The IPv4 header fields as received; `options` are kept raw because nothing reads them. */
export interface Ipv4Header {
  /** Header length in bytes (IHL × 4). */
  readonly headerLength: number;
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly headerChecksum: number;
  readonly src: Ipv4;
  readonly dst: Ipv4;
}

export function ipv4BytesOrThrow(a: Ipv4, what: string): Uint8Array {
  const b = ipv4Bytes(a);
  if (b === undefined) throw new RangeError(`${what} ${JSON.stringify(a)} is not a dotted-quad IPv4 address`);
  return b;
}

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${String(value)} is not an integer in 0..${max}`);
  }
}

/**
 * The 20-byte header keepalived puts in front of an advert (vrrp_build_ip4): no options, DF
 * clear. keepalived leaves the checksum for the kernel; we fill it in as it appears on the wire.
 */
export function buildIpv4Header(h: { payloadLength: number; src: Ipv4; dst: Ipv4; ttl: number; id: number; protocol: number }): Uint8Array {
  checkUint(h.ttl, 255, 'TTL');
  checkUint(h.id, 0xffff, 'IP identification');
  checkUint(h.payloadLength, 0xffff - IPV4_HEADER_LEN, 'IP payload length');
  const out = new Uint8Array(IPV4_HEADER_LEN);
  const view = new DataView(out.buffer);
  out[0] = 0x45;
  out[1] = VRRP_TOS;
  view.setUint16(2, IPV4_HEADER_LEN + h.payloadLength);
  view.setUint16(4, h.id);
  out[8] = h.ttl;
  out[9] = h.protocol;
  out.set(ipv4BytesOrThrow(h.src, 'source'), 12);
  out.set(ipv4BytesOrThrow(h.dst, 'destination'), 16);
  view.setUint16(10, internetChecksum(out));
  return out;
}

/** Reads the fixed fields; the caller has checked that `bytes` holds at least 20 bytes. */
export function readIpv4Header(bytes: Uint8Array): Ipv4Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flagsFrag = view.getUint16(6);
  return {
    headerLength: ((bytes[0] ?? 0) & 0x0f) * 4,
    tos: bytes[1] ?? 0,
    totalLength: view.getUint16(2),
    id: view.getUint16(4),
    dontFragment: (flagsFrag & 0x4000) !== 0,
    moreFragments: (flagsFrag & 0x2000) !== 0,
    fragmentOffset: flagsFrag & 0x1fff,
    ttl: bytes[8] ?? 0,
    protocol: bytes[9] ?? 0,
    headerChecksum: view.getUint16(10),
    src: formatIpv4(bytes, 12),
    dst: formatIpv4(bytes, 16),
  };
}
