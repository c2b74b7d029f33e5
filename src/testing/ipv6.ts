// The same deployment over IPv6: every IPv4 world a generator makes (arbTopology, a scenario
// built by hand) turned into its IPv6 twin, so each IPv4 property has an IPv6 counterpart
// without a second generator. Node 192.0.2.N keeps its IPv4 address and gains 2001:db8::c000:2NN
// (the IPv4 address in the low 32 bits) and the link-local fe80::c000:2NN; instances become IPv6
// VRRPv3 instances (keepalived's rule for an IPv6 instance, vrrp.c vrrp_complete_instance())
// advertising to ff02::12 from the link-local address; VIPs, peers and clients move the same way.
import type { InstanceConfig, RouterConfig } from '../vrrp/types.js';
import { VRRP_MCAST_GROUP6 } from '../vrrp/types.js';
import { formatIpv6 } from '../vrrp/ipv6.js';
import type { NodeSpec, ScriptBinding, SimSpec } from '../../sim/spec.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function embed(prefix: readonly number[], a: string): string {
  if (!IPV4.test(a)) return a;
  const b = new Uint8Array(16);
  b.set(prefix);
  b.set(a.split('.').map(Number), 12);
  return formatIpv6(b, 0);
}

/** 192.0.2.N -> 2001:db8::c000:2NN (any other text is returned as it is). */
export function globalIpv6Of(a: string): string {
  return embed([0x20, 0x01, 0x0d, 0xb8], a);
}

/** 192.0.2.N -> fe80::c000:2NN, the link-local address the scenario loader derives too. */
export function linkLocalOf(a: string): string {
  return embed([0xfe, 0x80], a);
}

/** Linux's default IPv6 unicast hop limit (keepalived leaves it to the kernel). */
const IPV6_DEFAULT_HOP_LIMIT = 64;

function instance6(i: InstanceConfig): InstanceConfig {
  return {
    ...i,
    family: 6,
    version: 3,
    srcAddr: linkLocalOf(i.srcAddr),
    mcastGroup: VRRP_MCAST_GROUP6,
    unicastPeers: i.unicastPeers.map(globalIpv6Of),
    unicastTtl: IPV6_DEFAULT_HOP_LIMIT,
    vips: i.vips.map(globalIpv6Of),
    excludedVips: i.excludedVips.map(globalIpv6Of),
    auth: { type: 'none' },
  };
}

function router6(r: RouterConfig): RouterConfig {
  return { ...r, instances: r.instances.map(instance6) };
}

function binding6(b: ScriptBinding): ScriptBinding {
  return b.kind === 'tcp' ? { ...b, host: globalIpv6Of(b.host) } : b;
}

function node6(n: NodeSpec): NodeSpec {
  return {
    ...n,
    interfaces: n.interfaces.map((f) => (f.address === undefined ? f : { ...f, address6: globalIpv6Of(f.address), linkLocal: linkLocalOf(f.address) })),
    router: n.router === null ? null : router6(n.router),
    scripts: new Map([...n.scripts].map(([k, b]) => [k, binding6(b)])),
  };
}

/** The IPv6 twin of an IPv4 world (see the top of this file). */
export function asIpv6World(spec: SimSpec): SimSpec {
  return {
    ...spec,
    nodes: spec.nodes.map(node6),
    probes: spec.probes.map((p) => ({ ...p, address: globalIpv6Of(p.address), target: globalIpv6Of(p.target) })),
  };
}
