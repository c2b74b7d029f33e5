// Raw bytes from the socket or capture -> what the monitor and the driver reason about. Both
// carry the whole IP packet (Linux AF_INET raw sockets hand over the IPv4 header; a packet
// capture has either family's header), so hop limit/TTL, source and destination come from it.
import { decodeIpv4Packet, readAdvertFields, type Decoded } from '../vrrp/codec.js';
import { decodeIpv6Packet } from '../vrrp/codec-ipv6.js';
import { IPV4_HEADER_LEN, readIpv4Header } from '../vrrp/ipv4.js';
import { IPV6_HEADER_LEN, readIpv6Header } from '../vrrp/ipv6.js';
import type { Observation } from './monitor-state.js';

/**
 * Decodes with keepalived's checks except TTL/hop limit, which the caller judges: keepalived
 * waives it for unicast instances in either family (vrrp.c vrrp_check_packet: "MUST verify
 * that the IPv4 TTL/IPv6 HL is 255 (but not if unicast)"), and the monitor wants to report it
 * rather than lose the advert. The IP version nibble picks the family.
 */
export function observePacket(bytes: Uint8Array): Observation {
  return ((bytes[0] ?? 0) >>> 4) === 6 ? observeIpv6(bytes) : observeIpv4(bytes);
}

function observeIpv4(bytes: Uint8Array): Observation {
  const d = decodeIpv4Packet(bytes, { requireTtl255: false });
  if (d.ok) return { kind: 'advert', src: d.value.ip.src, dst: d.value.ip.dst, ttl: d.value.ip.ttl, advert: d.value.advert };
  if (bytes.length < IPV4_HEADER_LEN) {
    return { kind: 'invalid', src: '0.0.0.0', dst: '0.0.0.0', ttl: 0, reason: d.reason, detail: d.detail, vrid: undefined };
  }
  const h = readIpv4Header(bytes);
  const fields = h.headerLength >= IPV4_HEADER_LEN ? readAdvertFields(bytes.subarray(h.headerLength), h) : undefined;
  return invalid(d, h.src, h.dst, h.ttl, fields?.vrid);
}

function observeIpv6(bytes: Uint8Array): Observation {
  const d = decodeIpv6Packet(bytes, { requireHopLimit255: false });
  if (d.ok) return { kind: 'advert', src: d.value.ip.src, dst: d.value.ip.dst, ttl: d.value.ip.hopLimit, advert: d.value.advert };
  if (bytes.length < IPV6_HEADER_LEN) return invalid(d, '::', '::', 0, undefined);
  const h = readIpv6Header(bytes);
  return invalid(d, h.src, h.dst, h.hopLimit, readAdvertFields(bytes.subarray(IPV6_HEADER_LEN), h)?.vrid);
}

function invalid(d: Extract<Decoded<unknown>, { ok: false }>, src: string, dst: string, ttl: number, vrid: number | undefined): Observation {
  return { kind: 'invalid', src, dst, ttl, reason: d.reason, detail: d.detail, vrid };
}
