// Raw bytes from the socket -> what the monitor and the driver reason about. Linux AF_INET raw
// sockets hand over the IPv4 header too, so TTL, source and destination come from the packet.
import { decodeIpv4Packet, readAdvertFields } from '../vrrp/codec.js';
import { IPV4_HEADER_LEN, readIpv4Header } from '../vrrp/ipv4.js';
import type { Observation } from './monitor-state.js';

/**
 * Decodes with keepalived's checks except TTL, which the caller judges: keepalived waives it
 * for unicast instances, and the monitor wants to report it rather than lose the advert.
 */
export function observePacket(bytes: Uint8Array): Observation {
  const d = decodeIpv4Packet(bytes, { requireTtl255: false });
  if (d.ok) return { kind: 'advert', src: d.value.ip.src, dst: d.value.ip.dst, ttl: d.value.ip.ttl, advert: d.value.advert };
  if (bytes.length < IPV4_HEADER_LEN) {
    return { kind: 'invalid', src: '0.0.0.0', dst: '0.0.0.0', ttl: 0, reason: d.reason, detail: d.detail, vrid: undefined };
  }
  const h = readIpv4Header(bytes);
  const fields = h.headerLength >= IPV4_HEADER_LEN ? readAdvertFields(bytes.subarray(h.headerLength), h) : undefined;
  return { kind: 'invalid', src: h.src, dst: h.dst, ttl: h.ttl, reason: d.reason, detail: d.detail, vrid: fields?.vrid };
}
