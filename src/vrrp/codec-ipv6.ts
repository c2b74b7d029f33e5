// Whole IPv6 packets carrying VRRPv3 adverts: what the kernel puts on the wire for keepalived
// (ipv6.ts says which socket options decide each header field) and what keepalived's raw
// socket makes of a received one. The kernel's checks come first (header, next header, the
// pseudo-header checksum), then keepalived's (codec.ts checkMessage), in that order.
import type { Advert, Ipv6 } from './types.js';
import { checkMessage, encodeAdvert, type Decoded } from './codec.js';
import { IPPROTO_VRRP } from './ipv4.js';
import { buildIpv6Header, IPV6_HEADER_LEN, readIpv6Header, VRRP_HOP_LIMIT, type Ipv6Header } from './ipv6.js';

export type { Ipv6Header } from './ipv6.js';

/**
 * The IPv6 packet for an advert from `src` (keepalived: the interface's link-local address) to
 * `dst` (ff02::12 or a unicast peer). `hopLimit` 255 is the multicast one; unicast adverts
 * carry the socket's default (64 on Linux) unless unicast_ttl is set.
 */
export function encodeIpv6Packet(a: Advert, ip: { src: Ipv6; dst: Ipv6; hopLimit?: number; flowLabel?: number }): Uint8Array {
  if (!ip.dst.includes(':')) throw new RangeError(`destination ${JSON.stringify(ip.dst)} is not an IPv6 address`);
  const msg = encodeAdvert(a, ip);
  const header = buildIpv6Header({
    payloadLength: msg.length, src: ip.src, dst: ip.dst, hopLimit: ip.hopLimit ?? VRRP_HOP_LIMIT, nextHeader: IPPROTO_VRRP,
    ...(ip.flowLabel === undefined ? {} : { flowLabel: ip.flowLabel }),
  });
  const out = new Uint8Array(header.length + msg.length);
  out.set(header);
  out.set(msg, header.length);
  return out;
}

const fail = (reason: 'too-short' | 'bad-ip-version' | 'not-vrrp-protocol', detail: string): { ok: false; reason: typeof reason; detail: string } =>
  ({ ok: false, reason, detail });

/**
 * An IPv6 packet as captured on the link. Bytes past the payload length are dropped, as the
 * kernel trims them (ipv6_rcv: Ethernet pads short frames). `requireHopLimit255` (default true)
 * is RFC 5798's rule; keepalived waives it for unicast instances.
 */
export function decodeIpv6Packet(
  bytes: Uint8Array,
  opts?: { requireHopLimit255?: boolean },
): Decoded<{ ip: Ipv6Header; advert: Advert; checksum: number }> {
  if (bytes.length < IPV6_HEADER_LEN) return fail('too-short', `${bytes.length} bytes, an IPv6 header needs ${IPV6_HEADER_LEN}`);
  const h = readIpv6Header(bytes);
  if (h.version !== 6) return fail('bad-ip-version', `IP version ${h.version}, expected 6`);
  if (IPV6_HEADER_LEN + h.payloadLength > bytes.length) {
    return fail('too-short', `IPv6 payload length ${h.payloadLength} but only ${bytes.length - IPV6_HEADER_LEN} bytes follow the header`);
  }
  if (h.nextHeader !== IPPROTO_VRRP) {
    return fail('not-vrrp-protocol', `next header ${h.nextHeader}, expected 112 (VRRP; vrrplab reads no extension headers)`);
  }
  const msg = bytes.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
  const requireHopLimit255 = opts?.requireHopLimit255 ?? true;
  const r = checkMessage(msg, h, {
    ttl: () => (requireHopLimit255 && h.hopLimit !== VRRP_HOP_LIMIT
      ? { ok: false, reason: 'bad-ttl', detail: `hop limit ${h.hopLimit}, expected 255` }
      : undefined),
    // IPv6 has no total length of its own to disagree with (keepalived checks tot_len for IPv4 only).
    totalLength: () => undefined,
  });
  if (!r.ok) return r;
  const { checksum, ...advert } = r.value;
  return { ok: true, value: { ip: h, advert, checksum } };
}

