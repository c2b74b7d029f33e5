// IPv6 addresses as the wire carries them, and the IPv6 header that carries a VRRPv3 advert.
// keepalived does not build this header: it sends the bare VRRP message on a raw
// IPPROTO_VRRP socket and the kernel adds the header (vrrp.c vrrp_build_pkt), with the socket
// options keepalived set: IPV6_TCLASS 0xc0 and IPV6_MULTICAST_HOPS 255 (vrrp_if.c
// if_setsockopt_priority / if_setsockopt_mcast_hops), and IPV6_CHECKSUM offset 6, so the kernel
// also fills in, and on receipt verifies, the RFC 8200 §8.1 pseudo-header checksum
// (if_setsockopt_ipv6_checksum). The source is the interface's link-local address unless
// unicast_src_ip says otherwise (RFC 5798 §5.1.2.1).
import { IPv6, Validator, collapseIPv6Number } from 'ip-num';
import type { Ipv6 } from './types.js';

export const IPV6_HEADER_LEN = 40;
/** keepalived's IPV6_TCLASS: DSCP CS6, as its IPv4 TOS. */
export const VRRP_TCLASS = 0xc0;
/** RFC 5798 §5.1.2.3; keepalived's IPV6_MULTICAST_HOPS. */
export const VRRP_HOP_LIMIT = 255;

/** The 16 bytes of an IPv6 address in any RFC 4291 text form (no zone id), or undefined. */
export function ipv6Bytes(a: string): Uint8Array | undefined {
  // ip-num's validator accepts a few shapes inet_pton refuses (a bare "1" among them), so
  // require at least one colon, as every IPv6 text form has.
  if (!a.includes(':') || a.includes('%')) return undefined;
  const [valid] = Validator.isValidIPv6String(a);
  if (!valid) return undefined;
  let v = IPv6.fromString(a).getValue();
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function isIpv6(a: string): boolean {
  return ipv6Bytes(a) !== undefined;
}

/** RFC 5952 text (lower case, longest zero run as ::), as inet_ntop and tshark print it. */
export function formatIpv6(bytes: Uint8Array, offset: number): Ipv6 {
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push((((bytes[offset + 2 * i] ?? 0) << 8) | (bytes[offset + 2 * i + 1] ?? 0)).toString(16));
  return collapseIPv6Number(groups.join(':'));
}

/** fe80::/10, the scope keepalived's default IPv6 source has. */
export function isLinkLocalIpv6(bytes: Uint8Array): boolean {
  return bytes[0] === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0x80;
}

export function ipv6BytesOrThrow(a: Ipv6, what: string): Uint8Array {
  const b = ipv6Bytes(a);
  if (b === undefined) throw new RangeError(`${what} ${JSON.stringify(a)} is not an IPv6 address`);
  return b;
}

/** The fixed IPv6 header as received. */
export interface Ipv6Header {
  readonly version: number;
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly src: Ipv6;
  readonly dst: Ipv6;
}

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${String(value)} is not an integer in 0..${max}`);
  }
}

/**
 * The header the kernel puts in front of keepalived's message: no extension headers. The flow
 * label is the kernel's choice (net.ipv6.auto_flowlabels hashes the flow with a per-boot
 * secret), so the caller supplies it; 0 is what a kernel with auto flow labels off sends.
 */
export function buildIpv6Header(h: {
  payloadLength: number; src: Ipv6; dst: Ipv6; hopLimit: number; nextHeader: number; flowLabel?: number; trafficClass?: number;
}): Uint8Array {
  const tclass = h.trafficClass ?? VRRP_TCLASS;
  const flow = h.flowLabel ?? 0;
  checkUint(h.hopLimit, 255, 'hop limit');
  checkUint(tclass, 255, 'traffic class');
  checkUint(flow, 0xfffff, 'flow label');
  checkUint(h.payloadLength, 0xffff, 'IPv6 payload length');
  checkUint(h.nextHeader, 255, 'next header');
  const out = new Uint8Array(IPV6_HEADER_LEN);
  const view = new DataView(out.buffer);
  view.setUint32(0, ((6 << 28) | (tclass << 20) | flow) >>> 0);
  view.setUint16(4, h.payloadLength);
  out[6] = h.nextHeader;
  out[7] = h.hopLimit;
  out.set(ipv6BytesOrThrow(h.src, 'source'), 8);
  out.set(ipv6BytesOrThrow(h.dst, 'destination'), 24);
  return out;
}

/** Reads the fixed header; the caller has checked that `bytes` holds at least 40 bytes. */
export function readIpv6Header(bytes: Uint8Array): Ipv6Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(0);
  return {
    version: first >>> 28,
    trafficClass: (first >>> 20) & 0xff,
    flowLabel: first & 0xfffff,
    payloadLength: view.getUint16(4),
    nextHeader: bytes[6] ?? 0,
    hopLimit: bytes[7] ?? 0,
    src: formatIpv6(bytes, 8),
    dst: formatIpv6(bytes, 24),
  };
}

/** RFC 8200 §8.1: source, destination, 32-bit upper-layer length, 3 zero bytes, next header. */
export function ipv6PseudoHeader(src: Uint8Array, dst: Uint8Array, upperLength: number, nextHeader: number): Uint8Array {
  const p = new Uint8Array(40);
  p.set(src, 0);
  p.set(dst, 16);
  new DataView(p.buffer).setUint32(32, upperLength);
  p[39] = nextHeader;
  return p;
}
