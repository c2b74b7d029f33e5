// speak sends real packets, so what it sends to and as is limited to the interface's own link:
// a unicast_peer outside the interface's subnets (8.8.8.8 was ARPed for) or a unicast_src_ip /
// mcast_src_ip that is not one of the interface's addresses (spoofing another host) is refused
// unless the operator says otherwise (--allow-offlink). Both families: an IPv6 source is the
// interface's link-local or global address, an IPv6 peer on one of its prefixes (fe80::/64 too).
import type { IpAddress, RouterConfig } from '../vrrp/types.js';
import { ipv4Bytes } from '../vrrp/ipv4.js';
import { ipv6Bytes } from '../vrrp/ipv6.js';

export interface IfaceAddress { readonly address: IpAddress; readonly prefix: number }

const bytesOf = (ip: IpAddress): Uint8Array | undefined => (ip.includes(':') ? ipv6Bytes(ip) : ipv4Bytes(ip));

function inSubnet(ip: IpAddress, net: IfaceAddress): boolean {
  const a = bytesOf(ip);
  const b = bytesOf(net.address);
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  const bits = Math.max(0, Math.min(a.length * 8, net.prefix));
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i % 8);
    if (((a[i >> 3] ?? 0) & mask) !== ((b[i >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

const UNSPECIFIED: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

/** Why the router would send off its link or as another host; empty when it would not. */
export function offLinkProblems(router: RouterConfig, iface: string, own: readonly IfaceAddress[]): string[] {
  const out: string[] = [];
  const shown = own.map((a) => `${a.address}/${a.prefix}`).join(', ') || 'none';
  const isOwn = (ip: IpAddress): boolean => own.some((a) => inSubnet(ip, { address: a.address, prefix: ip.includes(':') ? 128 : 32 }));
  for (const i of router.instances) {
    if (!UNSPECIFIED.has(i.srcAddr) && !isOwn(i.srcAddr)) {
      out.push(`instance ${i.name}: source ${i.srcAddr} is not an address of ${iface} (${shown}); speak would send as another host`);
    }
    for (const p of i.unicastPeers) {
      if (!own.some((a) => inSubnet(p, a))) out.push(`instance ${i.name}: unicast_peer ${p} is outside ${iface}'s subnets (${shown}); speak would send off the link`);
    }
  }
  return out;
}
