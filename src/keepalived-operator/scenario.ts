// A KeepalivedGroup and its Services as a runnable scenario: one node per keepalived pod (the
// DaemonSet's), each running the ConfigMap's keepalived.conf with its own --config-id (the pod
// name, here the node name) applied. A Service with externalTrafficPolicy Local is checked on
// its healthCheckNodePort: that is a service of the node here, up unless the user stops it.
import { stringify } from 'yaml';
import type { ParsedGroup } from './parse.js';
import { renderKeepalivedOperatorConf, resolveConfigId } from './render.js';
import { serviceKey, type KaPod } from './model.js';

export interface KaNode {
  readonly name: string;
  readonly address: string;
}

const svcName = (key: string): string => key.replace(/\//g, '-');

export function writeKeepalivedOperatorScenario(p: ParsedGroup, nodes: readonly KaNode[], assumedNodes: boolean, schemaRef: string, authPass: string): string {
  const pods: KaPod[] = nodes.map((n) => ({ name: n.name, hostIp: n.address }));
  const conf = renderKeepalivedOperatorConf(p.group, p.services, pods, authPass);
  const g = p.group;
  const doc = {
    name: `keepalivedgroup-${g.name}`,
    seed: 1,
    duration: '1m',
    segments: [{ name: 'lan' }],
    nodes: nodes.map((n) => ({
      name: n.name,
      address: n.address,
      interface: g.interface,
      services: p.services.flatMap((s) => [
        { name: svcName(serviceKey(s)), port: s.port },
        ...(s.local ? [{ name: `${svcName(serviceKey(s))}-health`, port: s.healthCheckNodePort }] : []),
      ]),
      scripts: Object.fromEntries(p.services.filter((s) => s.local).map((s) => [serviceKey(s), { service: `${svcName(serviceKey(s))}-health` }])),
      keepalived: resolveConfigId(conf, n.name),
    })),
    probes: p.services.flatMap((s) => s.ips.map((ip, i) => ({ name: `${svcName(serviceKey(s))}-${i}`, target: ip, port: s.port }))),
    expect: [{ invariants: {} }],
  };
  const head = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# Imported by vrrplab from KeepalivedGroup ${g.namespace}/${g.name} (${p.services.length} Service(s)): interface ${g.interface}, ${g.unicast ? 'unicast to every keepalived pod' : 'multicast (224.0.0.18 must reach every node)'}.`,
    `# VRIDs: ${[...g.routerIds].map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}${p.assigned.length > 0 ? ' (ASSUMED for those without status.routerIDs)' : ''}.`,
    assumedNodes ? '# Nodes are ASSUMED (give --node NAME=IP for each node the DaemonSet runs on).' : '# One node per keepalived pod; the pod name is the --config-id, taken to be the node name.',
    ...p.warnings.map((w) => `# warning: ${w}`),
    '# Add faults to a timeline and run: vrrplab run <this file>',
  ];
  return `${head.join('\n')}\n${stringify(doc, { blockQuote: 'literal', lineWidth: 0, aliasDuplicateObjects: false })}`;
}
