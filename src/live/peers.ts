// speak sends real packets, so what it sends to and as is limited to the interface's own link:
// a unicast_peer outside the interface's subnets (8.8.8.8 was ARPed for) or a unicast_src_ip /
// mcast_src_ip that is not one of the interface's addresses (spoofing another host) is refused
// unless the operator says otherwise (--allow-offlink).
import type { Ipv4, RouterConfig } from '../vrrp/types.js';

export interface IfaceAddress { readonly address: Ipv4; readonly prefix: number }

const toInt = (ip: Ipv4): number => ip.split('.').reduce((n, o) => (n * 256) + Number(o), 0);

function inSubnet(ip: Ipv4, net: IfaceAddress): boolean {
  const bits = Math.max(0, Math.min(32, net.prefix));
  const size = 2 ** (32 - bits);
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(net.address) / size);
}

/** Why the router would send off its link or as another host; empty when it would not. */
export function offLinkProblems(router: RouterConfig, iface: string, own: readonly IfaceAddress[]): string[] {
  const out: string[] = [];
  const shown = own.map((a) => `${a.address}/${a.prefix}`).join(', ') || 'none';
  for (const i of router.instances) {
    if (i.srcAddr !== '0.0.0.0' && !own.some((a) => a.address === i.srcAddr)) {
      out.push(`instance ${i.name}: source ${i.srcAddr} is not an address of ${iface} (${shown}); speak would send as another host`);
    }
    for (const p of i.unicastPeers) {
      if (!own.some((a) => inSubnet(p, a))) out.push(`instance ${i.name}: unicast_peer ${p} is outside ${iface}'s subnets (${shown}); speak would send off the link`);
    }
  }
  return out;
}
