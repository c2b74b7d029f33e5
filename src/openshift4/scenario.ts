// `vrrplab import openshift-install`: an on-prem cluster as a runnable scenario. Each node runs
// the keepalived.conf the MCO template renders for it; the check scripts are bound to the
// services they test, so failures can be rehearsed by stopping a service:
//   chk_ocp_lb, chk_ocp_both -> haproxy (the API load balancer every master runs; clients reach
//                                the API VIP on 6443 through it)
//   chk_mcs                   -> machine-config-server (22623)
//   chk_ingress*, chk_default_ingress -> router (a router-default pod on the node, :443)
// chk_ocp_both is really "haproxy ready || local kube-apiserver ready"; with haproxy bound the
// case "haproxy down, local API up" loses its +5, which the header says.
import { stringify } from 'yaml';
import type { OnPremCluster } from './cluster.js';

export interface WrittenScenario {
  readonly text: string;
  readonly warnings: readonly string[];
}

const MASTER_SCRIPTS = { chk_ocp_lb: { service: 'haproxy' }, chk_ocp_both: { service: 'haproxy' }, chk_mcs: { service: 'machine-config-server' } };
const INGRESS_SCRIPTS = { chk_ingress: { service: 'router' }, chk_ingress_ready: { service: 'router' }, chk_default_ingress: { service: 'router' } };

export function clusterScenarioBody(c: OnPremCluster, segment: string): Record<string, unknown>[] {
  return c.nodes.map((n) => ({
    name: n.name,
    address: n.address,
    interface: c.interface,
    prefix: c.config.machineNetwork.prefix,
    segment,
    labels: { 'node-role.kubernetes.io/role': n.role, cluster: c.config.name },
    services: [
      // The API VIP's 6443 is redirected to haproxy; kube-apiserver's own port stands apart so
      // that one can stop without the other.
      ...(n.role === 'master' ? [{ name: 'haproxy', port: 6443 }, { name: 'kube-apiserver', port: 6444 }, { name: 'machine-config-server', port: 22623 }] : []),
      { name: 'router', port: 443, up: n.router },
    ],
    scripts: n.role === 'master' ? { ...MASTER_SCRIPTS, ...INGRESS_SCRIPTS } : INGRESS_SCRIPTS,
    keepalived: n.keepalived,
  }));
}

export function clusterHeader(c: OnPremCluster): string[] {
  const ic = c.config;
  return [
    `# ${ic.name}.${ic.baseDomain}: ${ic.platform} IPI, OpenShift 4.${c.minor}, ${ic.masters} control-plane and ${ic.workers} compute node(s)`,
    `#   API VIP ${ic.apiVips.join(', ')} (virtual_router_id ${c.vrids.api}), ingress VIP ${ic.ingressVips.join(', ')} (virtual_router_id ${c.vrids.ingress}),`,
    `#   ${c.unicast ? 'unicast (keepalived-monitor ENABLE_UNICAST=yes)' : 'multicast (ENABLE_UNICAST=no before 4.11 on this platform)'}, VRRP device ${c.interface}`,
    `#   router-default pods on: ${c.nodes.filter((n) => n.router).map((n) => n.name).join(', ') || 'no node'}`,
  ];
}

export function writeClusterScenario(c: OnPremCluster, schemaRef: string): WrittenScenario {
  const ic = c.config;
  const segment = 'machine-network';
  const doc = {
    name: `${ic.name}-onprem`,
    seed: 1,
    duration: '2m',
    segments: [{ name: segment }],
    nodes: clusterScenarioBody(c, segment),
    probes: [
      { name: 'api', target: ic.apiVips[0], port: 6443, segment },
      { name: 'ingress', target: ic.ingressVips[0], port: 443, segment },
    ],
    expect: [{ invariants: {} }],
  };
  const head = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# Imported by vrrplab from ${ic.file}.`,
    ...clusterHeader(c),
    '# Node addresses are ASSUMED (the install-config does not give them): masters from host .11,',
    '# workers from .21 of the machine network. Every node runs keepalived as the machine-config-',
    '# operator template renders it; chk_ocp_both is bound to haproxy only (it also passes while the',
    "# node's own kube-apiserver is ready; kube-apiserver stands on 6444 here so it can stop on its own).",
    '# Add faults to a timeline and run: vrrplab run <this file>',
  ];
  return { text: `${head.join('\n')}\n${stringify(doc, { blockQuote: 'literal', lineWidth: 0, aliasDuplicateObjects: false })}`, warnings: [] };
}
