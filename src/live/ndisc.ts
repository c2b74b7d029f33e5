// The unsolicited neighbour advertisement `speak` sends for each IPv6 VIP of a link-update round,
// byte for byte as keepalived builds it (vrrp_ndisc.c ndisc_send_unsolicited_na_immediate()):
// from the VIP itself to all-nodes ff02::1, hop limit 255 (RFC 4861 §7.1.2: receivers drop any
// other), traffic class and flow label 0, the override flag set so neighbours replace a cached
// link-layer address, the router flag when the interface forwards IPv6 (set_ipv6_forwarding(),
// vrrp_if_config.c), solicited clear, and one target link-layer address option with the
// interface's MAC. Pure: the host supplies the MAC and the forwarding flag.
import { internetChecksum } from '../vrrp/checksum.js';
import { buildIpv6Header, ipv6BytesOrThrow, ipv6PseudoHeader } from '../vrrp/ipv6.js';
import type { Ipv6 } from '../vrrp/types.js';

export const ALL_NODES = 'ff02::1';
const IPPROTO_ICMPV6 = 58;
const ND_NEIGHBOR_ADVERT = 136;
const ND_NA_FLAG_ROUTER = 0x80;
const ND_NA_FLAG_OVERRIDE = 0x20;
const ND_OPT_TARGET_LINKADDR = 2;
/** NDISC_HOPLIMIT. */
const NA_HOP_LIMIT = 255;
/** nd_neighbor_advert (24) + nd_opt_hdr (2) + ETH_ALEN (6). */
const NA_LENGTH = 32;

export interface UnsolicitedNa {
  readonly target: Ipv6;
  /** The interface's Ethernet address (6 bytes). */
  readonly mac: Uint8Array;
  /** net.ipv6.conf.<if>.forwarding is on. */
  readonly router: boolean;
}

/** The whole IPv6 packet (header included). */
export function encodeUnsolicitedNa(na: UnsolicitedNa): Uint8Array {
  if (na.mac.length !== 6) throw new Error(`link-layer address of ${na.mac.length} bytes; expected an Ethernet address (6)`);
  const target = ipv6BytesOrThrow(na.target, 'target');
  const icmp = new Uint8Array(NA_LENGTH);
  icmp[0] = ND_NEIGHBOR_ADVERT;
  icmp[4] = ND_NA_FLAG_OVERRIDE | (na.router ? ND_NA_FLAG_ROUTER : 0);
  icmp.set(target, 8);
  icmp[24] = ND_OPT_TARGET_LINKADDR;
  icmp[25] = 1; // in units of 8 bytes
  icmp.set(na.mac, 26);
  const sum = internetChecksum(ipv6PseudoHeader(target, ipv6BytesOrThrow(ALL_NODES, 'destination'), NA_LENGTH, IPPROTO_ICMPV6), icmp);
  new DataView(icmp.buffer).setUint16(2, sum);
  const header = buildIpv6Header({ payloadLength: NA_LENGTH, src: na.target, dst: ALL_NODES, hopLimit: NA_HOP_LIMIT, nextHeader: IPPROTO_ICMPV6, trafficClass: 0 });
  const out = new Uint8Array(header.length + NA_LENGTH);
  out.set(header, 0);
  out.set(icmp, header.length);
  return out;
}
