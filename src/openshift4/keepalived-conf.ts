// keepalived.conf of an on-prem OpenShift 4 node (bare metal, vSphere, OpenStack, Nutanix, oVirt
// IPI) as the machine-config-operator template renders it through baremetal-runtimecfg's
// keepalived-monitor, byte for byte. The Go template's untrimmed `{{$x = true}}` action leaves one
// newline per unicast backend/peer that is the node itself, so the blank lines depend on the data.
// Single-stack IPv4 only: OpenStack dual-stack adds vrrp_sync_groups this does not write.
import type { Ipv4 } from '../vrrp/types.js';
import { API_SCRIPTS, GLOBAL_DEFS, INGRESS_SCRIPTS } from './keepalived-text.js';
import type { OnPremVrids } from './vrid.js';

/** One API/ingress VIP pair of the node (runtimecfg's Configs entry). */
export interface OnPremVipConfig {
  readonly apiVip: Ipv4;
  readonly ingressVip: Ipv4;
}

export interface OnPremNodeConfig {
  readonly clusterName: string;
  readonly role: 'master' | 'worker';
  readonly vrids: OnPremVrids;
  readonly configs: readonly OnPremVipConfig[];
  /** The node's address on the VIP network (NonVirtualIP). */
  readonly address: Ipv4;
  readonly interface: string;
  readonly unicast: boolean;
  /** Control-plane addresses, sorted as strings (getSortedBackends). */
  readonly backends: readonly Ipv4[];
  /** Every node's address, in node-list order (GetIngressConfig). */
  readonly peers: readonly Ipv4[];
}

const lines = (l: readonly string[]): string => `${l.join('\n')}\n`;

function instance(n: OnPremNodeConfig, kind: 'API' | 'INGRESS', i: number, vip: Ipv4, others: readonly Ipv4[]): string {
  const api = kind === 'API';
  let t = `\nvrrp_instance ${n.clusterName}_${kind}_${i} {\n    state BACKUP\n    interface ${n.interface}\n` +
    `    virtual_router_id ${api ? n.vrids.api : n.vrids.ingress}\n    priority ${api ? 40 : 20}\n    advert_int 1\n    `;
  if (n.unicast) t += `\n    unicast_src_ip ${n.address}\n    unicast_peer {${others.map((a) => `\n        ${a}`).join('')}\n    }\n    `;
  const checks = api ? ['chk_ocp_lb', 'chk_ocp_both', 'chk_mcs'] : ['chk_ingress', 'chk_ingress_ready', 'chk_default_ingress'];
  t += `\n    authentication {\n        auth_type PASS\n        auth_pass ${n.clusterName}_${api ? 'api' : 'ingress'}_vip\n    }\n` +
    `    virtual_ipaddress {\n        ${vip}/32 label vip\n    }\n    track_script {\n${checks.map((c) => `        ${c}\n`).join('')}    }\n}\n`;
  return t;
}

/**
 * One half (API or ingress) of a Configs entry: the participation test, then the instance.
 * Multicast nodes always take part; unicast ones only when their address is in the list.
 */
function half(n: OnPremNodeConfig, kind: 'API' | 'INGRESS', i: number, vip: Ipv4, list: readonly Ipv4[]): string {
  const self = n.unicast ? list.filter((a) => a === n.address).length : 0;
  const joins = !n.unicast || self > 0;
  return `\n\n${'\n'.repeat(self)}\n\n${joins ? instance(n, kind, i, vip, list.filter((a) => a !== n.address)) : ''}`;
}

export function renderOnPremKeepalived(n: OnPremNodeConfig): string {
  let t = lines(GLOBAL_DEFS);
  t += n.role === 'master' ? `\n${lines(API_SCRIPTS)}\n${lines(INGRESS_SCRIPTS)}` : `\n${lines(INGRESS_SCRIPTS)}`;
  t += '\n';
  n.configs.forEach((c, i) => {
    t += '\n';
    if (n.role === 'master') t += half(n, 'API', i, c.apiVip, n.backends);
    t += `${half(n, 'INGRESS', i, c.ingressVip, n.peers)}\n`;
  });
  return `${t}\n`;
}
