// An on-prem OpenShift 4 cluster as vrrplab models it: which nodes exist, their addresses on the
// machine network, which run router pods, and each node's keepalived.conf.
import { InputError } from '../cli/errors.js';
import { renderOnPremKeepalived } from './keepalived-conf.js';
import { intToIpv4, ipv4ToInt, unicastFor, type InstallConfig } from './install-config.js';
import { onPremVrids, type OnPremVrids } from './vrid.js';

export interface ClusterOptions {
  /** The 4.x minor release: decides unicast (keepalived-monitor ENABLE_UNICAST). */
  readonly minor: number;
  /** How many nodes run router-default pods (the default IngressController has 2 replicas). */
  readonly routers?: number;
  /** The VRRP device: the one holding the machine-network address (br-ex with OVN-Kubernetes). */
  readonly interface?: string;
  /** Host number of the first master in the machine network (default 11). */
  readonly firstHost?: number;
}

export interface ClusterNode {
  readonly name: string;
  readonly role: 'master' | 'worker';
  readonly address: string;
  readonly router: boolean;
  readonly keepalived: string;
}

export interface OnPremCluster {
  readonly config: InstallConfig;
  readonly minor: number;
  readonly unicast: boolean;
  readonly vrids: OnPremVrids;
  readonly interface: string;
  readonly nodes: readonly ClusterNode[];
}

export function planCluster(ic: InstallConfig, opts: ClusterOptions): OnPremCluster {
  const unicast = unicastFor(ic.platform, opts.minor);
  const vrids = onPremVrids(ic.name);
  const iface = opts.interface ?? (ic.networkType === 'OVNKubernetes' ? 'br-ex' : 'ens3');
  const size = 2 ** (32 - ic.machineNetwork.prefix);
  const vips = new Set([...ic.apiVips, ...ic.ingressVips]);
  let host = opts.firstHost ?? 11;
  const take = (): string => {
    for (;;) {
      if (host >= size - 1) throw new InputError(`machine network ${ic.machineNetwork.cidr} has no room for ${ic.masters + ic.workers} nodes from host ${opts.firstHost ?? 11}; expected a larger network`, { file: ic.file });
      const a = intToIpv4(ic.machineNetwork.base + host++);
      if (!vips.has(a)) return a;
    }
  };
  type Planned = { readonly name: string; readonly role: 'master' | 'worker'; readonly address: string };
  const masters: Planned[] = Array.from({ length: ic.masters }, (_, i) => ({ name: `master-${i}`, role: 'master', address: take() }));
  if (ic.masters <= 10 && (opts.firstHost ?? 11) === 11) host = Math.max(host, 21);
  const workers: Planned[] = Array.from({ length: ic.workers }, (_, i) => ({ name: `worker-${i}`, role: 'worker', address: take() }));
  // router-default pods land on workers; on a compact cluster (no workers) on the masters.
  const routerPool = workers.length > 0 ? workers : masters;
  const routers = Math.min(opts.routers ?? 2, routerPool.length);
  const all = [...masters, ...workers];
  // GetNodes lists nodes by name; getSortedBackends sorts masters by address as strings.
  const peers = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((n) => n.address);
  const backends = masters.map((m) => m.address).sort();
  // Several VIPs per list only exist for dual-stack clusters, which vrrplab does not model.
  if (ic.apiVips.length !== 1 || ic.ingressVips.length !== 1) {
    throw new InputError(`${ic.apiVips.length} API and ${ic.ingressVips.length} ingress VIPs; expected one IPv4 VIP each (dual-stack is not modelled)`, { file: ic.file });
  }
  const configs = [{ apiVip: ic.apiVips[0] ?? '', ingressVip: ic.ingressVips[0] ?? '' }];
  const nodes = all.map((n) => ({
    ...n,
    router: routerPool.slice(0, routers).includes(n),
    keepalived: renderOnPremKeepalived({ clusterName: ic.name, role: n.role, vrids, configs, address: n.address, interface: iface, unicast, backends, peers }),
  }));
  return { config: ic, minor: opts.minor, unicast, vrids, interface: iface, nodes };
}
